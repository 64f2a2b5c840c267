-- Takes over entries pending longer than the idle time with any consumer of the group (XAUTOCLAIM),
-- and counts those whose entry was trimmed away instead of failing on them: Redis 7 lists their ids
-- apart (and drops them from the pending list itself), Redis 6.2 returns them without fields (they are
-- acknowledged here, since nobody can deliver them).
-- KEYS: the stream
-- ARGV: group, consumer, idle time in ms, most entries
-- Returns {trimmed count, {{id, {field, value...}}...}}
local reply = redis.call('XAUTOCLAIM', KEYS[1], ARGV[1], ARGV[2], ARGV[3], '0-0', 'COUNT', ARGV[4])
local claimed = {}
local trimmed = 0
for _, entry in ipairs(reply[2]) do
  if entry[2] then
    claimed[#claimed + 1] = entry
  else
    trimmed = trimmed + 1
    redis.call('XACK', KEYS[1], ARGV[1], entry[1])
  end
end
if reply[3] then
  trimmed = trimmed + #reply[3]
end
return {trimmed, claimed}

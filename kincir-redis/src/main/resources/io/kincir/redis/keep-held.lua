-- Keeps entries a consumer still holds from looking abandoned: resets the idle time (XCLAIM … JUSTID,
-- which leaves the delivery count alone) of each one that is still pending with it, and leaves alone
-- those another consumer claimed meanwhile, or that were acknowledged.
-- KEYS: the stream
-- ARGV: group, consumer, then the entries' ids
-- Returns the ids still pending with the consumer
local kept = {}
local claim = {KEYS[1], ARGV[1], ARGV[2], 0}
for i = 3, #ARGV do
  local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[i], ARGV[i], 1)
  if pending[1] and pending[1][2] == ARGV[2] then
    kept[#kept + 1] = ARGV[i]
    claim[#claim + 1] = ARGV[i]
  end
end
if #kept > 0 then
  claim[#claim + 1] = 'JUSTID'
  redis.call('XCLAIM', unpack(claim))
end
return kept

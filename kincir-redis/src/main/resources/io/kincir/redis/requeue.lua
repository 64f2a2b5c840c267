-- Makes pending entries available to every member of their group at once: a copy of each goes to the
-- group's requeue stream, which every member reads, and the entry is acknowledged where it was (and
-- deleted, when that was the requeue stream itself). A copy keeps the fields, so the uuid, but gets a
-- new entry id: it comes after entries added since.
-- KEYS: the entries' stream, the group's requeue stream
-- ARGV: group, 1 to delete the entries from their stream, then the entry ids
-- Returns how many entries were gone (trimmed) and could not be copied.
local gone = 0
for i = 3, #ARGV do
  local entry = redis.call('XRANGE', KEYS[1], ARGV[i], ARGV[i])
  if #entry == 1 then
    redis.call('XADD', KEYS[2], '*', unpack(entry[1][2]))
  else
    gone = gone + 1
  end
  redis.call('XACK', KEYS[1], ARGV[1], ARGV[i])
  if ARGV[2] == '1' then
    redis.call('XDEL', KEYS[1], ARGV[i])
  end
end
return gone

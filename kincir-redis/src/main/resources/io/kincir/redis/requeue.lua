-- Makes pending entries available to every member of their group at once: a copy of each goes to the
-- group's requeue stream, which every member reads, and the entry is acknowledged where it was (and
-- deleted, when that was the requeue stream itself). A copy keeps the fields, so the uuid, but gets a
-- new entry id: it comes after entries added since. An entry no longer pending with this consumer was
-- claimed by another member meanwhile, and is left to it. An entry another client added, without a uuid
-- field, is copied with the uuid and publish time it was read with: '<topic>@<entry id>' (the topic is
-- between the braces of its stream's key) and the time of its entry id.
-- KEYS: the entries' stream, the group's requeue stream
-- ARGV: group, consumer, 1 to delete the entries from their stream, then the entry ids
-- Returns how many entries were gone (trimmed) and could not be copied.
local gone = 0
for i = 4, #ARGV do
  local id = ARGV[i]
  if #redis.call('XPENDING', KEYS[1], ARGV[1], id, id, 1, ARGV[2]) == 1 then
    local entry = redis.call('XRANGE', KEYS[1], id, id)
    if #entry == 1 then
      local fields = entry[1][2]
      local kincir = false
      for f = 1, #fields, 2 do
        if fields[f] == 'uuid' then
          kincir = true
        end
      end
      if not kincir then
        fields[#fields + 1] = 'uuid'
        fields[#fields + 1] = string.match(KEYS[1], '.*{(.-)}') .. '@' .. id
        fields[#fields + 1] = 'published_at'
        fields[#fields + 1] = string.match(id, '^(%d+)')
      end
      redis.call('XADD', KEYS[2], '*', unpack(fields))
    else
      gone = gone + 1
    end
    redis.call('XACK', KEYS[1], ARGV[1], id)
    if ARGV[3] == '1' then
      redis.call('XDEL', KEYS[1], id)
    end
  end
end
return gone

-- Moves delayed messages that fell due into their topics' streams, earliest first, and sets each
-- topic's score in the index to its next due time (or removes it). One script, so a message is moved
-- once however many backends run it, and a delay parked meanwhile never loses its place in the index.
-- Key names are built here as Keys.java builds them: standalone Redis (or Sentinel), not Cluster.
-- KEYS: the delays index
-- ARGV: key prefix, most topics and messages per topic to move, MAXLEN of the streams (0: no trimming)
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[2])
local moved = 0
for _, topic in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, limit)) do
  local stream = ARGV[1] .. '{' .. topic .. '}'
  local delayed = stream .. ':delayed'
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', delayed, '-inf', now, 'LIMIT', 0, limit)) do
    local message = delayed .. ':' .. id
    local fields = redis.call('HGETALL', message)
    if #fields > 0 then
      if ARGV[3] == '0' then
        redis.call('XADD', stream, '*', unpack(fields))
      else
        redis.call('XADD', stream, 'MAXLEN', '~', ARGV[3], '*', unpack(fields))
      end
      moved = moved + 1
    end
    redis.call('DEL', message)
    redis.call('ZREM', delayed, id)
  end
  local following = redis.call('ZRANGE', delayed, 0, 0, 'WITHSCORES')
  if #following > 0 then
    redis.call('ZADD', KEYS[1], following[2], topic)
  else
    redis.call('ZREM', KEYS[1], topic)
  end
end
return moved

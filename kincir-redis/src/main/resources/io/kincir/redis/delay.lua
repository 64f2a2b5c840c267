-- Parks a message until it falls due: its fields in a hash, its id in the topic's sorted set scored by
-- the due time on the server's clock (so publishers' clocks do not matter), and the topic in the index
-- of topics with delayed messages at its earliest due time.
-- KEYS: the delays index, the topic's delayed set, the message's hash
-- ARGV: topic, message id, delay in ms, then field, value, field, value...
local now = redis.call('TIME')
local due = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) + tonumber(ARGV[3])
redis.call('HSET', KEYS[3], unpack(ARGV, 4))
redis.call('ZADD', KEYS[2], due, ARGV[2])
redis.call('ZADD', KEYS[1], 'LT', due, ARGV[1])
return due

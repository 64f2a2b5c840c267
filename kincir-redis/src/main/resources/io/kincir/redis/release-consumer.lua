-- Deletes a consumer from its group only if it holds no pending entry: XGROUP DELCONSUMER would drop
-- them, and they would never be delivered again. Checked and done in one step, so a read in between
-- cannot slip entries in.
-- KEYS: the stream
-- ARGV: group, consumer
-- Returns 1 if the consumer was deleted.
if #redis.call('XPENDING', KEYS[1], ARGV[1], '-', '+', 1, ARGV[2]) > 0 then
  return 0
end
redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], ARGV[2])
return 1

/**
 * The Redis Streams backend, {@link io.kincir.redis.RedisBackend}, on Lettuce: a topic is a stream, a
 * group a consumer group of it, a member a consumer with a unique name.
 */
package io.kincir.redis;

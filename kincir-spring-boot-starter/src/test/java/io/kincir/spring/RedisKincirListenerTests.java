package io.kincir.spring;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The listener contract on Redis Streams: the in-memory tests, unchanged, with only the properties
 * switched to the real server on 127.0.0.1:6379. The run's keys carry a prefix of their own and are
 * deleted afterwards, since the server is shared.
 */
@TestPropertySource(properties = {"kincir.backend=redis", "spring.data.redis.host=127.0.0.1",
        "spring.data.redis.port=6379"})
class RedisKincirListenerTests extends KincirListenerContractTests {

    @RegisterExtension
    static final ServerCleanup REDIS = ServerCleanup.redis();

    @DynamicPropertySource
    static void keyPrefix(DynamicPropertyRegistry registry) {
        REDIS.redisKeyPrefix(registry);
    }
}

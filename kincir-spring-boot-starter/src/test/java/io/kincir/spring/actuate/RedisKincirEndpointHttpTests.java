package io.kincir.spring.actuate;

import io.kincir.spring.ServerCleanup;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The endpoint on the Redis server on 127.0.0.1:6379, under a key prefix of the run's own. */
@TestPropertySource(properties = {"kincir.backend=redis", "spring.data.redis.host=127.0.0.1",
        "spring.data.redis.port=6379"})
class RedisKincirEndpointHttpTests extends KincirEndpointHttpTests {

    @RegisterExtension
    static final ServerCleanup REDIS = ServerCleanup.redis();

    @DynamicPropertySource
    static void keyPrefix(DynamicPropertyRegistry registry) {
        REDIS.redisKeyPrefix(registry);
    }

    @Override
    protected String backendName() {
        return "redis";
    }
}

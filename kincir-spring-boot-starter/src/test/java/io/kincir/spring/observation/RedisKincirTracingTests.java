package io.kincir.spring.observation;

import io.kincir.spring.ServerCleanup;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** One trace on the Redis server on 127.0.0.1:6379, the trace context in stream entry fields. */
@TestPropertySource(properties = {"kincir.backend=redis", "spring.data.redis.host=127.0.0.1",
        "spring.data.redis.port=6379"})
class RedisKincirTracingTests extends KincirTracingContractTests {

    @RegisterExtension
    static final ServerCleanup CLEANUP = ServerCleanup.redis();

    @DynamicPropertySource
    static void keyPrefix(DynamicPropertyRegistry registry) {
        CLEANUP.redisKeyPrefix(registry);
    }
}

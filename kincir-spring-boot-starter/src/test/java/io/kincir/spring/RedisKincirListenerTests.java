package io.kincir.spring;

import io.kincir.redis.RedisBackend;
import io.kincir.redis.TestRedis;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The listener contract on Redis Streams: the in-memory tests, unchanged, with only the properties
 * switched to the real server on 127.0.0.1:6379. The run's keys carry a prefix of their own and are
 * deleted afterwards, since the server is shared.
 */
@TestPropertySource(properties = {"kincir.backend=redis", "spring.data.redis.host=127.0.0.1",
        "spring.data.redis.port=6379"})
class RedisKincirListenerTests extends KincirListenerContractTests {

    private static final TestRedis REDIS = new TestRedis();

    /** Closes the context's backend first, so that none of its threads writes a key after they are deleted. */
    @RegisterExtension
    static final AfterAllCallback DELETE_KEYS = RedisKincirListenerTests::deleteKeys;

    @DynamicPropertySource
    static void keyPrefix(DynamicPropertyRegistry registry) {
        registry.add("kincir.redis.key-prefix", () -> REDIS.settings().keyPrefix());
    }

    private static void deleteKeys(ExtensionContext context) {
        try {
            SpringExtension.getApplicationContext(context).getBean(RedisBackend.class).close();
        } finally {
            REDIS.close();
        }
    }
}

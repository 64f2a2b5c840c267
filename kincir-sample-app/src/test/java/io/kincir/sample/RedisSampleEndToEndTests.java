package io.kincir.sample;

import io.kincir.redis.RedisBackend;
import io.kincir.redis.TestRedis;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The sample with {@code --spring.profiles.active=redis}, on the Redis server at 127.0.0.1:6379. Its
 * keys carry a prefix unique to the run, since the server is shared, and are deleted afterwards.
 */
@ActiveProfiles("redis")
class RedisSampleEndToEndTests extends SampleEndToEndTests {

    private static final TestRedis REDIS = new TestRedis();

    /** Closes the context's backend first, so that none of its threads writes a key after they are deleted. */
    @RegisterExtension
    static final AfterAllCallback DELETE_KEYS = RedisSampleEndToEndTests::deleteKeys;

    @DynamicPropertySource
    static void keyPrefix(DynamicPropertyRegistry registry) {
        registry.add("kincir.redis.key-prefix", () -> REDIS.settings().keyPrefix());
    }

    @Override
    String backend() {
        return "redis";
    }

    private static void deleteKeys(ExtensionContext context) {
        try {
            SpringExtension.getApplicationContext(context).getBean(RedisBackend.class).close();
        } finally {
            REDIS.close();
        }
    }
}

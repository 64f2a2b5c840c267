package io.kincir.redis;

import io.kincir.Backend;
import io.kincir.conformance.ConformanceSuite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;

/**
 * The whole conformance suite against the Redis server on 127.0.0.1:6379, with the backend's default
 * settings under a key prefix per test, whose keys are deleted after it.
 */
class RedisConformanceTest extends ConformanceSuite {

    private static final TestRedis REDIS = new TestRedis();

    @Override
    protected Backend newBackend() {
        return REDIS.backend();
    }

    @AfterEach
    void deleteWhatTheTestCreated() {
        REDIS.deleteKeys();
    }

    @AfterAll
    static void disconnect() {
        REDIS.close();
    }
}

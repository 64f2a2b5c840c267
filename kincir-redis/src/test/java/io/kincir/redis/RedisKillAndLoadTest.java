package io.kincir.redis;

import io.kincir.Backend;
import io.kincir.fault.ChildBackend;
import io.kincir.fault.KillAndLoadSuite;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Killed consumers and load against the Redis server on 127.0.0.1:6379, with the backend's defaults
 * under a key prefix per test; the killed consumer's test claims what a member left pending for 2 s,
 * looking every 500 ms, instead of after a minute.
 */
class RedisKillAndLoadTest extends KillAndLoadSuite {

    @RegisterExtension
    static final TestRedis REDIS = new TestRedis();

    /** The last backend's settings: each test's key prefix, and the claims of the killed consumer's test. */
    private RedisSettings settings;

    @Override
    protected Backend newBackend() {
        settings = REDIS.settings();
        return REDIS.backend(settings);
    }

    @Override
    protected ChildBackend childBackend() {
        return RedisChildBackend.sharing(settings);
    }

    @Override
    protected Backend newBackendForKilledConsumer() {
        settings = REDIS.settings().withClaims(Duration.ofMillis(500), Duration.ofSeconds(2));
        return REDIS.backend(settings);
    }

    /** A member claims what a dead one left pending once the claim idle time passed, at its next look. */
    @Override
    protected Duration redeliveryTimeout() {
        return settings.claimIdleTime().plus(settings.claimInterval()).plusSeconds(15);
    }

    /**
     * A quarter of the million: on a build machine of two cores the listener handles some 17,500 messages
     * a second here (1,000,000 in 57 s), about a minute of the build. The system property
     * {@code kincir.load.messages=1000000} runs the million; the slow listener's test keeps it.
     */
    @Override
    protected int defaultLoadMessages() {
        return 250_000;
    }
}

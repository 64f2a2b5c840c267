package io.kincir.redis;

import io.kincir.Backend;
import io.kincir.fault.BackendFactory;
import io.kincir.fault.ChildBackend;
import java.time.Duration;
import java.util.List;

/**
 * Builds, in a child JVM, a backend for the tests' Redis server with the default settings but for the
 * key prefix and claims it is given.
 */
final class RedisChildBackend implements BackendFactory {

    /** @return how a child builds a backend with these settings' key prefix and claims */
    static ChildBackend sharing(RedisSettings settings) {
        return ChildBackend.of(RedisChildBackend.class, settings.keyPrefix(),
                Long.toString(settings.claimInterval().toMillis()), Long.toString(settings.claimIdleTime().toMillis()));
    }

    @Override
    public Backend create(List<String> arguments) {
        RedisSettings settings = RedisSettings.defaults().withKeyPrefix(arguments.get(0))
                .withClaims(Duration.ofMillis(Long.parseLong(arguments.get(1))),
                        Duration.ofMillis(Long.parseLong(arguments.get(2))));
        return RedisBackend.builder().uri(TestRedis.uri()).settings(settings).build();
    }
}

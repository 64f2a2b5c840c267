package io.kincir.redis;

import io.kincir.Backend;
import io.kincir.fault.BrokerFaults;
import io.kincir.fault.BrokerUnderTest;
import io.lettuce.core.RedisURI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The fault suite against a redis-server of the test's own, with its append-only file on, stopped and
 * started again, and reached through a proxy whose connections are cut.
 */
class RedisBrokerFaultsTest extends BrokerFaults {

    @Override
    protected BrokerUnderTest startBroker(Path dir) {
        return RedisServerProcess.start(dir);
    }

    @Override
    protected Backend newBackend(String host, int port) {
        // Lettuce queues commands while it reconnects: a publish then waits for Redis to come back, at most
        // the client's command timeout (60 s unless set), after which it fails.
        // An entry a subscriber read but lost with its connection stays pending with it; another member (or
        // the subscriber again) claims it after the claim idle time, shortened here from a minute.
        return RedisBackend.builder()
                .uri(RedisURI.builder().withHost(host).withPort(port).withTimeout(Duration.ofSeconds(5)).build())
                .settings(RedisSettings.defaults().withClaims(Duration.ofSeconds(1), Duration.ofSeconds(5)))
                .build();
    }
}

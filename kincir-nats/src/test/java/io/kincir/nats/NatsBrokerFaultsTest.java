package io.kincir.nats;

import io.kincir.Backend;
import io.kincir.fault.BrokerFaults;
import io.kincir.fault.BrokerUnderTest;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The fault suite against a nats-server of the test's own (JetStream, streams on disk), stopped and
 * started again, and reached through a proxy whose connections are cut.
 */
class NatsBrokerFaultsTest extends BrokerFaults {

    @Override
    protected BrokerUnderTest startBroker(Path dir) {
        return NatsServerProcess.start(dir);
    }

    @Override
    protected Backend newBackend(String host, int port) {
        // A short ack wait brings back what was handed out and not acknowledged when the server went away.
        return NatsBackend.builder().servers(NatsServerProcess.url(host, port))
                .settings(NatsSettings.defaults().withAckWait(Duration.ofSeconds(5))
                        .withPublishTimeout(Duration.ofSeconds(2)))
                .build();
    }
}

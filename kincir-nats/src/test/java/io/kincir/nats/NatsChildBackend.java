package io.kincir.nats;

import io.kincir.Backend;
import io.kincir.fault.BackendFactory;
import io.kincir.fault.ChildBackend;
import java.time.Duration;
import java.util.List;

/**
 * Builds, in a child JVM, a backend for the tests' NATS server with the default settings but for the
 * ack wait it is given.
 */
final class NatsChildBackend implements BackendFactory {

    /** @return how a child builds a backend with these settings' ack wait, and the defaults otherwise */
    static ChildBackend sharing(NatsSettings settings) {
        return ChildBackend.of(NatsChildBackend.class, Long.toString(settings.ackWait().toMillis()));
    }

    @Override
    public Backend create(List<String> arguments) {
        NatsSettings settings = NatsSettings.defaults().withAckWait(Duration.ofMillis(Long.parseLong(arguments.get(0))));
        return NatsBackend.builder().servers(TestNats.URL).settings(settings).build();
    }
}

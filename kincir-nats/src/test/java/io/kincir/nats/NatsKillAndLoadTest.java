package io.kincir.nats;

import io.kincir.Backend;
import io.kincir.fault.ChildBackend;
import io.kincir.fault.KillAndLoadSuite;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Killed consumers and load against the NATS server on 127.0.0.1:4222, with the backend's defaults; the
 * killed consumer's test shortens the ack wait to 2 s, after which the server delivers again what a
 * dead member held.
 */
class NatsKillAndLoadTest extends KillAndLoadSuite {

    private static final NatsSettings SHORT_ACK_WAIT = NatsSettings.defaults().withAckWait(Duration.ofSeconds(2));

    @RegisterExtension
    static final TestNats NATS = new TestNats();

    @Override
    protected Backend newBackend() {
        return NATS.backend();
    }

    @Override
    protected ChildBackend childBackend() {
        return NatsChildBackend.sharing(NatsSettings.defaults());
    }

    @Override
    protected Backend newBackendForKilledConsumer() {
        return NATS.track(NATS.builder().settings(SHORT_ACK_WAIT).build());
    }

    @Override
    protected ChildBackend childBackendForKilledConsumer() {
        return NatsChildBackend.sharing(SHORT_ACK_WAIT);
    }

    /** The server delivers again what a dead member held once the ack wait passed. */
    @Override
    protected Duration redeliveryTimeout() {
        return SHORT_ACK_WAIT.ackWait().plusSeconds(15);
    }

    /**
     * A quarter of the million: on a build machine of two cores the listener handles some 18,000 messages
     * a second here (1,000,000 in 54 s), about a minute of the build. The system property
     * {@code kincir.load.messages=1000000} runs the million; the slow listener's test keeps it.
     */
    @Override
    protected int defaultLoadMessages() {
        return 250_000;
    }
}

package io.kincir.rabbitmq;

import io.kincir.Backend;
import io.kincir.fault.ChildBackend;
import io.kincir.fault.KillAndLoadSuite;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Killed consumers and load against the RabbitMQ server on 127.0.0.1:5672, with the backend's defaults
 * (persistent messages, publisher confirms, prefetch 250).
 */
class RabbitKillAndLoadTest extends KillAndLoadSuite {

    @RegisterExtension
    static final TestRabbit RABBIT = new TestRabbit();

    @Override
    protected Backend newBackend() {
        return RABBIT.backend();
    }

    @Override
    protected ChildBackend childBackend() {
        return ChildBackend.of(RabbitChildBackend.class);
    }

    /**
     * The kernel closes a killed process's connection, and the broker requeues what its channels had
     * not acknowledged at once.
     */
    @Override
    protected Duration redeliveryTimeout() {
        return Duration.ofSeconds(15);
    }

    /**
     * A tenth of the million: RabbitMQ writes persistent messages through its queue index at some
     * thousands a second on a build machine of two cores, and slower once a queue backs up, so a million
     * would take the build over ten minutes. The system property {@code kincir.load.messages=1000000}
     * runs the million.
     */
    @Override
    protected int defaultLoadMessages() {
        return 100_000;
    }

    /** As many as the load, for the same reason. */
    @Override
    protected int defaultSlowListenerMessages() {
        return defaultLoadMessages();
    }
}

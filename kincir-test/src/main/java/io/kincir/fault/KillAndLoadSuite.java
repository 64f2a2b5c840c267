package io.kincir.fault;

import io.kincir.Backend;
import java.time.Duration;
import org.junit.jupiter.api.Nested;

/**
 * The fault tests about killed consumer processes and load, for a backend whose messages live in a
 * server, as {@code @Nested} classes: {@link KilledConsumerFault}, {@link ListenerLoad} and
 * {@link SlowListenerMemory}. A backend's test extends this class once, as it extends
 * {@link io.kincir.conformance.ConformanceSuite}; its own {@code @AfterEach} / {@code @AfterAll}
 * methods run around the nested classes (to clean the server). The in-memory broker, which dies with
 * its process, runs {@link ListenerLoad} and {@link SlowListenerMemory} only.
 */
public abstract class KillAndLoadSuite {

    /** @return a new backend with the settings an application would have, for the load tests; the test closes it */
    protected abstract Backend newBackend();

    /**
     * @return how a child JVM builds a backend that reaches the same server with the same settings as
     *     the last {@link #newBackend()}; called once per test, after it
     */
    protected abstract ChildBackend childBackend();

    /**
     * @return a new backend for {@link KilledConsumerFault}: {@link #newBackend()} unless the backend
     *     redelivers what a dead member held after a timeout that is long by default (a NATS ack wait, a
     *     Redis claim idle time), which this backend shortens
     */
    protected Backend newBackendForKilledConsumer() {
        return newBackend();
    }

    /**
     * @return how a child JVM builds the same backend as the last {@link #newBackendForKilledConsumer()};
     *     {@link #childBackend()} unless that is overridden
     */
    protected ChildBackend childBackendForKilledConsumer() {
        return childBackend();
    }

    /** @return see {@link KilledConsumerFault#redeliveryTimeout()} */
    protected abstract Duration redeliveryTimeout();

    /** @return see {@link ListenerLoad#defaultMessages()} */
    protected int defaultLoadMessages() {
        return ListenerLoad.DEFAULT_MESSAGES;
    }

    /**
     * @return see {@link SlowListenerMemory#defaultMessages()}: the million, whose payloads outgrow the
     *     child JVM's heap, even where {@link #defaultLoadMessages()} is lower
     */
    protected int defaultSlowListenerMessages() {
        return ListenerLoad.DEFAULT_MESSAGES;
    }

    @Nested
    class KilledConsumer extends KilledConsumerFault {
        @Override
        protected Backend createBackend() {
            return newBackendForKilledConsumer();
        }

        @Override
        protected ChildBackend childBackend() {
            return childBackendForKilledConsumer();
        }

        @Override
        protected Duration redeliveryTimeout() {
            return KillAndLoadSuite.this.redeliveryTimeout();
        }
    }

    @Nested
    class Load extends ListenerLoad {
        @Override
        protected Backend createBackend() {
            return newBackend();
        }

        @Override
        protected int defaultMessages() {
            return defaultLoadMessages();
        }
    }

    @Nested
    class SlowListener extends SlowListenerMemory {
        @Override
        protected Backend createBackend() {
            return newBackend();
        }

        @Override
        protected ChildBackend childBackend() {
            return KillAndLoadSuite.this.childBackend();
        }

        @Override
        protected int defaultMessages() {
            return defaultSlowListenerMessages();
        }
    }
}

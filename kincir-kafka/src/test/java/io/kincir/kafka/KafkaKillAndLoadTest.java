package io.kincir.kafka;

import io.kincir.Backend;
import io.kincir.fault.ChildBackend;
import io.kincir.fault.KillAndLoadSuite;
import java.time.Duration;

/**
 * Killed consumers and load against the test broker (KRaft, in this JVM; a child process reaches it
 * on its localhost port), with the backend's defaults: 4 partitions per topic, 1,000 records fetched
 * ahead per subscriber.
 */
class KafkaKillAndLoadTest extends KillAndLoadSuite {

    @Override
    protected Backend newBackend() {
        return SharedKafkaBroker.backend().build();
    }

    @Override
    protected ChildBackend childBackend() {
        return KafkaChildBackend.forSharedBroker();
    }

    /**
     * A killed member's partitions move once the broker notices, after the tests' session timeout of
     * 6 s, and a rebalance.
     */
    @Override
    protected Duration redeliveryTimeout() {
        return Duration.ofSeconds(30);
    }
}

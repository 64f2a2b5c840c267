package io.kincir.kafka;

import io.kincir.Backend;
import io.kincir.conformance.ConformanceSuite;

/** The whole conformance suite against a real Kafka broker (KRaft, in this JVM). */
class KafkaConformanceTest extends ConformanceSuite {

    @Override
    protected Backend newBackend() {
        return SharedKafkaBroker.backend().build();
    }

    /**
     * One partition per topic: a thousand topics of 4 would put 4,000 partitions on this one-broker
     * test cluster, and the test is about one subscriber on many topics, not partitions.
     */
    @Override
    protected Backend newBackendForManyTopics() {
        return SharedKafkaBroker.backend().partitions(1).build();
    }
}

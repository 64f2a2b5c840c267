package io.kincir.kafka;

import io.kincir.Backend;
import io.kincir.conformance.CloseRedeliveryConformance;
import io.kincir.conformance.CompetingConsumersConformance;
import io.kincir.conformance.ConcurrentPublishersConformance;
import io.kincir.conformance.DurableGroupConformance;
import io.kincir.conformance.FanOutConformance;
import io.kincir.conformance.ManyTopicsConformance;
import io.kincir.conformance.MetadataConformance;
import io.kincir.conformance.MultiTopicConformance;
import io.kincir.conformance.NackRedeliveryConformance;
import io.kincir.conformance.OrderingConformance;
import io.kincir.conformance.PayloadConformance;
import io.kincir.conformance.PublishReceiveConformance;
import org.junit.jupiter.api.Nested;

/** The whole conformance suite against a real Kafka broker (KRaft, in this JVM). */
class KafkaConformanceTest {

    static Backend newBroker() {
        return SharedKafkaBroker.backend().build();
    }

    @Nested
    class PublishReceive extends PublishReceiveConformance {
        @Override
        protected Backend createBackend() {
            return newBroker();
        }
    }

    @Nested
    class Metadata extends MetadataConformance {
        @Override
        protected Backend createBackend() {
            return newBroker();
        }
    }

    @Nested
    class Payload extends PayloadConformance {
        @Override
        protected Backend createBackend() {
            return newBroker();
        }
    }

    @Nested
    class FanOut extends FanOutConformance {
        @Override
        protected Backend createBackend() {
            return newBroker();
        }
    }

    @Nested
    class CompetingConsumers extends CompetingConsumersConformance {
        @Override
        protected Backend createBackend() {
            return newBroker();
        }
    }

    @Nested
    class Ordering extends OrderingConformance {
        @Override
        protected Backend createBackend() {
            return newBroker();
        }
    }

    @Nested
    class ConcurrentPublishers extends ConcurrentPublishersConformance {
        @Override
        protected Backend createBackend() {
            return newBroker();
        }
    }

    @Nested
    class NackRedelivery extends NackRedeliveryConformance {
        @Override
        protected Backend createBackend() {
            return newBroker();
        }
    }

    @Nested
    class CloseRedelivery extends CloseRedeliveryConformance {
        @Override
        protected Backend createBackend() {
            return newBroker();
        }
    }

    @Nested
    class DurableGroup extends DurableGroupConformance {
        @Override
        protected Backend createBackend() {
            return newBroker();
        }
    }

    @Nested
    class MultiTopic extends MultiTopicConformance {
        @Override
        protected Backend createBackend() {
            return newBroker();
        }
    }

    @Nested
    class ManyTopics extends ManyTopicsConformance {
        // One partition per topic: a thousand topics of 4 would put 4,000 partitions on this one-broker
        // test cluster, and the test is about one subscriber on many topics, not partitions.
        @Override
        protected Backend createBackend() {
            return SharedKafkaBroker.backend().partitions(1).build();
        }
    }
}

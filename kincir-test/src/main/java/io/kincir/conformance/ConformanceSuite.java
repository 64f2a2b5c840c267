package io.kincir.conformance;

import io.kincir.Backend;
import org.junit.jupiter.api.Nested;

/**
 * The whole conformance suite: every behaviour class as a {@code @Nested} class, each given its
 * backends by {@link #newBackend()}. A backend's test extends this class once; JUnit runs the nested
 * classes it inherits, and the subclass's own {@code @AfterEach} / {@code @AfterAll} methods around
 * them (to clean a server, for instance).
 */
public abstract class ConformanceSuite {

    /** @return a new backend for one test; the test closes it */
    protected abstract Backend newBackend();

    /**
     * @return the backend for {@link ManyTopicsConformance}; {@link #newBackend()} unless a backend's
     *     topics are costly by default (a Kafka test broker with several partitions per topic)
     */
    protected Backend newBackendForManyTopics() {
        return newBackend();
    }

    @Nested
    class PublishReceive extends PublishReceiveConformance {
        @Override
        protected Backend createBackend() {
            return newBackend();
        }
    }

    @Nested
    class Names extends NamesConformance {
        @Override
        protected Backend createBackend() {
            return newBackend();
        }
    }

    @Nested
    class Metadata extends MetadataConformance {
        @Override
        protected Backend createBackend() {
            return newBackend();
        }
    }

    @Nested
    class Payload extends PayloadConformance {
        @Override
        protected Backend createBackend() {
            return newBackend();
        }
    }

    @Nested
    class FanOut extends FanOutConformance {
        @Override
        protected Backend createBackend() {
            return newBackend();
        }
    }

    @Nested
    class CompetingConsumers extends CompetingConsumersConformance {
        @Override
        protected Backend createBackend() {
            return newBackend();
        }
    }

    @Nested
    class Ordering extends OrderingConformance {
        @Override
        protected Backend createBackend() {
            return newBackend();
        }
    }

    @Nested
    class ConcurrentPublishers extends ConcurrentPublishersConformance {
        @Override
        protected Backend createBackend() {
            return newBackend();
        }
    }

    @Nested
    class NackRedelivery extends NackRedeliveryConformance {
        @Override
        protected Backend createBackend() {
            return newBackend();
        }
    }

    @Nested
    class CloseRedelivery extends CloseRedeliveryConformance {
        @Override
        protected Backend createBackend() {
            return newBackend();
        }
    }

    @Nested
    class DurableGroup extends DurableGroupConformance {
        @Override
        protected Backend createBackend() {
            return newBackend();
        }
    }

    @Nested
    class MultiTopic extends MultiTopicConformance {
        @Override
        protected Backend createBackend() {
            return newBackend();
        }
    }

    @Nested
    class ManyTopics extends ManyTopicsConformance {
        @Override
        protected Backend createBackend() {
            return newBackendForManyTopics();
        }
    }

    @Nested
    class Lifecycle extends LifecycleConformance {
        @Override
        protected Backend createBackend() {
            return newBackend();
        }
    }

    @Nested
    class OptionalFeatures extends OptionalFeaturesConformance {
        @Override
        protected Backend createBackend() {
            return newBackend();
        }
    }

    @Nested
    class DeadLetterOperations extends DeadLetterConformance {
        @Override
        protected Backend createBackend() {
            return newBackend();
        }
    }

    @Nested
    class TopologyOfTheBroker extends TopologyConformance {
        @Override
        protected Backend createBackend() {
            return newBackend();
        }
    }
}

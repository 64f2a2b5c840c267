package io.kincir.rabbitmq;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/**
 * The whole conformance suite against the RabbitMQ server on 127.0.0.1:5672, with the backend's
 * default settings (mandatory publishing, persistent messages, prefetch 250).
 */
class RabbitConformanceTest {

    private static final TestRabbit RABBIT = new TestRabbit();

    static Backend newBackend() {
        return RABBIT.backend();
    }

    @AfterEach
    void deleteWhatTheTestDeclared() {
        RABBIT.deleteDeclared();
    }

    @AfterAll
    static void disconnect() {
        RABBIT.close();
    }

    @Nested
    class PublishReceive extends PublishReceiveConformance {
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
            return newBackend();
        }
    }
}

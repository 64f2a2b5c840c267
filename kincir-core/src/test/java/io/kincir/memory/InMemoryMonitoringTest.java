package io.kincir.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.BackendHealth;
import io.kincir.Delivery;
import io.kincir.AckSubscriber;
import io.kincir.Message;
import io.kincir.Subscriber;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** healthCheck(), listTopicInfo(), stats() and the Backend health view. */
class InMemoryMonitoringTest {

    @Test
    void healthCheckCountsTopicsQueuedMessagesAndMemory() {
        try (InMemoryBroker broker = InMemoryBroker.withDefaultConfig()) {
            broker.subscriber("a").subscribe("orders");
            broker.subscriber("b").subscribe("orders");
            broker.subscriber("c").subscribe("payments");
            broker.publisher().publish("orders", Message.of(new byte[1000]));
            broker.publisher().publish("payments", List.of(Message.of(new byte[500]), Message.of(new byte[500])));

            BrokerHealth health = broker.healthCheck();

            assertThat(health.healthy()).isTrue();
            assertThat(health.topicCount()).isEqualTo(2);
            assertThat(health.queuedMessages()).as("one per group of orders, two in payments").isEqualTo(4);
            assertThat(health.memoryEstimateBytes()).as("the orders message counted once for two groups")
                    .isGreaterThanOrEqualTo(2000).isLessThan(2000 + 3 * 500);
        }
    }

    @Test
    void memoryEstimateFallsAsMessagesAreConsumed() throws InterruptedException {
        try (InMemoryBroker broker = InMemoryBroker.withDefaultConfig(); Subscriber subscriber = broker.subscriber()) {
            subscriber.subscribe("t");
            broker.publisher().publish("t", Message.of(new byte[10_000]));
            assertThat(broker.healthCheck().memoryEstimateBytes()).isGreaterThanOrEqualTo(10_000);

            subscriber.receive(Duration.ofSeconds(5)).orElseThrow();

            assertThat(broker.healthCheck().memoryEstimateBytes()).isZero();
            assertThat(broker.healthCheck().queuedMessages()).isZero();
        }
    }

    @Test
    void listTopicInfoShowsEachTopicsQueueGroupsAndAge() {
        try (InMemoryBroker broker = InMemoryBroker.withDefaultConfig()) {
            broker.subscriber("billing").subscribe("orders");
            broker.subscriber().subscribe("orders");
            broker.publisher().publish("orders", Message.of("o"));
            broker.publisher().publish("audit", Message.of("nobody listens"));

            List<TopicInfo> topics = broker.listTopicInfo();

            assertThat(topics).extracting(TopicInfo::name).containsExactly("audit", "orders");
            TopicInfo audit = topics.get(0);
            assertThat(audit.queueSize()).isZero();
            assertThat(audit.groups()).isEmpty();
            assertThat(audit.unrouted()).isEqualTo(1);
            TopicInfo orders = topics.get(1);
            assertThat(orders.queueSize()).isEqualTo(2);
            assertThat(orders.groups()).containsExactly("billing", "private-1");
            assertThat(orders.subscribers()).isEqualTo(2);
            assertThat(orders.age()).isGreaterThanOrEqualTo(Duration.ZERO);
            assertThat(broker.healthCheck().unroutedMessages()).isEqualTo(1);
        }
    }

    @Test
    void statsAreEmptyUnlessEnabled() {
        try (InMemoryBroker broker = InMemoryBroker.withDefaultConfig()) {
            assertThat(broker.stats()).isEmpty();
        }
    }

    @Test
    void statsCountPublishedConsumedDroppedAndActiveTopics() throws InterruptedException {
        try (InMemoryBroker broker = new InMemoryBroker(InMemoryConfig.defaults().withStats(true));
                Subscriber subscriber = broker.subscriber();
                AckSubscriber acking = broker.ackSubscriber("g")) {
            subscriber.subscribe("a");
            acking.subscribe("b");
            broker.publisher().publish("a", List.of(Message.of("1"), Message.of("2")));
            broker.publisher().publish("b", Message.of("3"));
            broker.publisher().publish("c", Message.of("unrouted"));
            subscriber.receive(Duration.ofSeconds(5)).orElseThrow();
            Delivery delivery = acking.receive(Duration.ofSeconds(5)).orElseThrow();
            delivery.nack(false);

            BrokerStats stats = broker.stats().orElseThrow();

            assertThat(stats.published()).isEqualTo(4);
            assertThat(stats.consumed()).isEqualTo(2);
            assertThat(stats.unrouted()).isEqualTo(1);
            assertThat(stats.dropped()).as("the nack(false)").isEqualTo(1);
            assertThat(stats.expired()).isZero();
            assertThat(stats.activeTopics()).as("a and b have groups, c has none").isEqualTo(2);
            assertThat(stats.uptime()).isGreaterThanOrEqualTo(Duration.ZERO);
        }
    }

    @Test
    void backendHealthIsUpWithDetailsUntilShutdown() {
        InMemoryBroker broker = InMemoryBroker.withDefaultConfig();
        broker.publisher().publish("t", Message.of("x"));

        BackendHealth up = broker.health();
        assertThat(up.up()).isTrue();
        assertThat(up.details()).containsEntry("backend", "in-memory").containsEntry("topics", 1)
                .containsKeys("queuedMessages", "memoryEstimateBytes", "expiredMessages", "droppedMessages");

        broker.shutdown();

        BackendHealth down = broker.health();
        assertThat(down.up()).isFalse();
        assertThat(down.details()).containsEntry("state", "draining").containsKey("error");
    }

    @Test
    void closingAPrivateSubscriberRemovesItsGroupAndCountsWhatItHeld() {
        try (InMemoryBroker broker = InMemoryBroker.withDefaultConfig()) {
            Subscriber subscriber = broker.subscriber();
            subscriber.subscribe("t");
            broker.publisher().publish("t", Message.of("never read"));

            subscriber.close();

            assertThat(broker.listTopicInfo().get(0).groups()).isEmpty();
            assertThat(broker.healthCheck().droppedMessages()).isEqualTo(1);
        }
    }
}

package io.kincir.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kincir.MaxSubscribersReachedException;
import io.kincir.MaxTopicsReachedException;
import io.kincir.Message;
import io.kincir.QueueFullException;
import io.kincir.Subscriber;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** maxTopics, maxSubscribersPerTopic, maxQueueSize and the publish timeout (back-pressure). */
class InMemoryLimitsTest {

    @Test
    void aTopicBeyondMaxTopicsIsRefusedOnPublishAndSubscribe() throws InterruptedException {
        try (InMemoryBroker broker = new InMemoryBroker(InMemoryConfig.defaults().withMaxTopics(2));
                Subscriber subscriber = broker.subscriber()) {
            subscriber.subscribe("a");
            broker.publisher().publish("b", Message.of("x"));

            assertThatThrownBy(() -> broker.publisher().publish("c", Message.of("x")))
                    .isInstanceOf(MaxTopicsReachedException.class)
                    .hasMessageContaining("'c'").hasMessageContaining("max-topics=2")
                    .satisfies(e -> assertThat(((MaxTopicsReachedException) e).limit()).isEqualTo(2));
            assertThatThrownBy(() -> subscriber.subscribe("d")).isInstanceOf(MaxTopicsReachedException.class);
            broker.publisher().publish("a", Message.of("still works"));
            assertThat(subscriber.receive(Duration.ofSeconds(5))).map(Message::payloadAsString).contains("still works");
            assertThat(broker.healthCheck().topicCount()).isEqualTo(2);
        }
    }

    @Test
    void aSubscriberBeyondMaxSubscribersPerTopicIsRefusedUntilOneCloses() {
        try (InMemoryBroker broker = new InMemoryBroker(InMemoryConfig.defaults().withMaxSubscribersPerTopic(2))) {
            Subscriber first = broker.subscriber("g1");
            first.subscribe("t");
            broker.subscriber("g2").subscribe("t");
            Subscriber third = broker.subscriber("g3");

            assertThatThrownBy(() -> third.subscribe("t")).isInstanceOf(MaxSubscribersReachedException.class)
                    .hasMessageContaining("max-subscribers-per-topic=2");
            third.subscribe("another-topic");

            first.close();
            third.subscribe("t");
            assertThat(broker.listTopicInfo()).filteredOn(info -> info.name().equals("t"))
                    .singleElement().extracting(TopicInfo::subscribers).isEqualTo(2);
        }
    }

    @Test
    void aFullQueueRejectsTheWholeBatchInEveryGroup() throws InterruptedException {
        try (InMemoryBroker broker = new InMemoryBroker(InMemoryConfig.defaults().withMaxQueueSize(5));
                Subscriber roomy = broker.subscriber("roomy");
                Subscriber nearlyFull = broker.subscriber("nearly-full")) {
            roomy.subscribe("t");
            nearlyFull.subscribe("t");
            broker.publisher().publish("t", List.of(Message.of("1"), Message.of("2"), Message.of("3")));
            for (int i = 0; i < 3; i++) {
                assertThat(roomy.receive(Duration.ofSeconds(5))).isPresent();
            }

            assertThatThrownBy(() -> broker.publisher().publish("t",
                    List.of(Message.of("4"), Message.of("5"), Message.of("6"))))
                    .isInstanceOf(QueueFullException.class)
                    .hasMessageContaining("group 'nearly-full'").hasMessageContaining("max-queue-size=5")
                    .hasMessageContaining("none of the batch of 3")
                    .satisfies(e -> assertThat(((QueueFullException) e).topic()).isEqualTo("t"));

            assertThat(roomy.receive(Duration.ZERO)).as("nothing half-enqueued in the group with room").isEmpty();
            assertThat(broker.healthCheck().queuedMessages()).isEqualTo(3);
            for (int i = 0; i < 3; i++) {
                assertThat(nearlyFull.receive(Duration.ofSeconds(5))).isPresent();
            }
            // Fits only if the refused batch gave back the room it had claimed in "roomy".
            broker.publisher().publish("t", messages(5));
            assertThat(broker.healthCheck().queuedMessages()).isEqualTo(10);
        }
    }

    @Test
    void aBatchLargerThanTheQueueFailsAtOnceEvenWithAPublishTimeout() {
        try (InMemoryBroker broker = new InMemoryBroker(InMemoryConfig.defaults().withMaxQueueSize(2)
                .withPublishTimeout(Duration.ofMinutes(1)))) {
            broker.subscriber("g").subscribe("t");

            assertThatThrownBy(() -> broker.publisher().publish("t", List.of(Message.of("1"), Message.of("2"),
                    Message.of("3")))).isInstanceOf(QueueFullException.class).hasMessageContaining("can never fit");
        }
    }

    @Test
    void aPublisherWaitsForRoomWithinThePublishTimeout() throws Exception {
        try (InMemoryBroker broker = new InMemoryBroker(InMemoryConfig.defaults().withMaxQueueSize(2)
                .withPublishTimeout(Duration.ofSeconds(30)));
                Subscriber subscriber = broker.subscriber("g")) {
            subscriber.subscribe("t");
            broker.publisher().publish("t", List.of(Message.of("1"), Message.of("2")));

            CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> broker.publisher().publish("t", Message.of("3")));
            await().atMost(Duration.ofSeconds(5)).until(() -> blockedInPublish(broker));
            assertThat(blocked).isNotDone();

            assertThat(subscriber.receive(Duration.ofSeconds(5))).map(Message::payloadAsString).contains("1");
            blocked.get(10, TimeUnit.SECONDS);
            assertThat(subscriber.receive(Duration.ofSeconds(5))).map(Message::payloadAsString).contains("2");
            assertThat(subscriber.receive(Duration.ofSeconds(5))).map(Message::payloadAsString).contains("3");
        }
    }

    @Test
    void aPublisherGivesUpWhenThePublishTimeoutPasses() {
        Duration timeout = Duration.ofMillis(200);
        try (InMemoryBroker broker = new InMemoryBroker(InMemoryConfig.defaults().withMaxQueueSize(1)
                .withPublishTimeout(timeout))) {
            broker.subscriber("g").subscribe("t");
            broker.publisher().publish("t", Message.of("1"));

            long start = System.nanoTime();
            assertThatThrownBy(() -> broker.publisher().publish("t", Message.of("2")))
                    .isInstanceOf(QueueFullException.class).hasMessageContaining("publish-timeout=PT0.2S");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(timeout);
            assertThat(broker.healthCheck().queuedMessages()).isEqualTo(1);
        }
    }

    @Test
    void expiredAndReceivedMessagesFreeRoom() throws InterruptedException {
        try (InMemoryBroker broker = new InMemoryBroker(InMemoryConfig.defaults().withMaxQueueSize(1));
                Subscriber subscriber = broker.subscriber("g")) {
            subscriber.subscribe("t");
            for (int i = 0; i < 3; i++) {
                broker.publisher().publish("t", Message.of("m" + i));
                assertThat(subscriber.receive(Duration.ofSeconds(5))).isPresent();
            }
        }
    }

    private static List<Message> messages(int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> Message.of("m" + i)).toList();
    }

    private static boolean blockedInPublish(InMemoryBroker broker) {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getState() == Thread.State.TIMED_WAITING
                        && java.util.Arrays.stream(thread.getStackTrace())
                                .anyMatch(frame -> frame.getMethodName().equals("awaitRoom")));
    }

    @Test
    void byDefaultAGroupNobodyReadsFillsUpAndRefusesNamingTopicAndGroupInsteadOfGrowingTheHeap() {
        try (InMemoryBroker broker = InMemoryBroker.withDefaultConfig()) {
            Subscriber gone = broker.subscriber("dead-letters");
            gone.subscribe("orders.dlq");
            gone.close();
            int bound = broker.config().maxQueueSize();
            assertThat(bound).as("the default bounds a group's queue").isPositive();
            List<Message> batch = java.util.Collections.nCopies(1000, Message.of("dead"));
            for (int published = 0; published + batch.size() <= bound; published += batch.size()) {
                broker.publisher().publish("orders.dlq", batch);
            }
            for (int published = bound / batch.size() * batch.size(); published < bound; published++) {
                broker.publisher().publish("orders.dlq", Message.of("dead"));
            }

            assertThatThrownBy(() -> broker.publisher().publish("orders.dlq", Message.of("one too many")))
                    .isInstanceOf(QueueFullException.class)
                    .hasMessageContaining("topic 'orders.dlq'").hasMessageContaining("group 'dead-letters'");
            assertThat(broker.healthCheck().queuedMessages()).isEqualTo(bound);
        }
    }

    @Test
    void byDefaultTheNumberOfTopicsIsBounded() {
        try (InMemoryBroker broker = InMemoryBroker.withDefaultConfig()) {
            int bound = broker.config().maxTopics();
            assertThat(bound).as("the default bounds the topics").isPositive();
            for (int i = 0; i < bound; i++) {
                broker.publisher().publish("topic-" + i, Message.of("x"));
            }

            assertThatThrownBy(() -> broker.publisher().publish("one-more", Message.of("x")))
                    .isInstanceOf(MaxTopicsReachedException.class).hasMessageContaining("'one-more'");
        }
    }
}

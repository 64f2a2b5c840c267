package io.kincir.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kincir.AckSubscriber;
import io.kincir.Delivery;
import io.kincir.Message;
import io.kincir.Subscriber;
import io.nats.client.Subscription;
import io.nats.client.api.ConsumerInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Settling on the real server: {@code nack(false)} terminates, and closing a subscriber gives back at
 * once, to the member that takes over — in the same backend, in another one, or one that joins later —
 * what it held and what it had buffered, rather than after the 30 second ack wait, and only once.
 */
class NatsRedeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Far enough under the default ack wait (30 s) to tell a nak from an ack-wait expiry. */
    private static final Duration AT_ONCE = Duration.ofSeconds(5);

    private final TestNats nats = new TestNats();
    private final String topic = "redelivery-" + System.nanoTime();
    private final String group = "workers";
    private NatsBackend backend;

    @BeforeEach
    void setUp() {
        backend = nats.backend();
        assertThat(backend.settings().ackWait()).isEqualTo(Duration.ofSeconds(30));
    }

    @AfterEach
    void tearDown() {
        nats.close();
    }

    @Test
    void nackWithoutRequeueTerminatesTheMessage() throws Exception {
        String advisories = "$JS.EVENT.ADVISORY.CONSUMER.MSG_TERMINATED." + NatsNames.stream(topic) + "."
                + NatsNames.consumer(group);
        Subscription terminated = nats.inspector().subscribe(advisories);
        nats.inspector().flush(WAIT);
        try (AckSubscriber first = backend.ackSubscriber(group); AckSubscriber second = backend.ackSubscriber(group)) {
            first.subscribe(topic);
            second.subscribe(topic);
            backend.publisher().publish(topic, Message.of("poison"));
            Delivery poison = first.receive(WAIT).or(() -> receiveQuietly(second)).orElseThrow();

            poison.nack(false);

            io.nats.client.Message advisory = terminated.nextMessage(WAIT);
            assertThat(advisory).as("the server's advisory of a terminated message").isNotNull();
            assertThat(new String(advisory.getData(), StandardCharsets.UTF_8)).contains("\"stream_seq\":1");
            assertThat(first.receive(Duration.ofMillis(300))).isEmpty();
            assertThat(second.receive(Duration.ofMillis(300))).isEmpty();
            ConsumerInfo consumer = nats.management().getConsumerInfo(NatsNames.stream(topic), NatsNames.consumer(group));
            assertThat(consumer.getNumAckPending()).isZero();
        } finally {
            terminated.unsubscribe();
        }
    }

    @Test
    void closingAnAckSubscriberGivesBackWhatItHeldAndBufferedAtOnce() throws Exception {
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sent.add(Message.of("m-" + i));
        }
        AckSubscriber leaving = backend.ackSubscriber(group);
        leaving.subscribe(topic);
        backend.publisher().publish(topic, sent);
        for (int i = 0; i < 3; i++) {
            assertThat(leaving.receive(WAIT)).isPresent(); // held, not settled
        }
        // The other seven have left the server for the member's buffer.
        await().atMost(WAIT).until(() -> consumer().getNumAckPending() == 10 && consumer().getNumPending() == 0);

        try (AckSubscriber next = backend.ackSubscriber(group)) {
            next.subscribe(topic);
            long closing = System.nanoTime();
            leaving.close();
            List<String> back = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Delivery delivery = next.receive(WAIT).orElseThrow();
                back.add(delivery.message().payloadAsString());
                delivery.ack();
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - closing);

            assertThat(back).containsExactlyInAnyOrderElementsOf(sent.stream().map(Message::payloadAsString).toList());
            assertThat(elapsed).as("time until every message came back").isLessThan(AT_ONCE);
        }
    }

    @Test
    void aMemberThatJoinsAfterTheServerTookTheNaksGetsEveryHeldMessageAtOnceAndOnce() throws Exception {
        Subscription naks = nats.inspector().subscribe("$JS.EVENT.ADVISORY.CONSUMER.MSG_NAKED."
                + NatsNames.stream(topic) + "." + NatsNames.consumer(group));
        nats.inspector().flush(WAIT);
        try {
            // Ten, so that the message the server would lose is rarely the last one delivered, whose loss its
            // stepping back would hide.
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                sent.add("h-" + i);
            }
            AckSubscriber leaving = backend.ackSubscriber(group);
            leaving.subscribe(topic);
            backend.publisher().publish(topic, sent.stream().map(Message::of).toList());
            for (int i = 0; i < sent.size(); i++) {
                assertThat(leaving.receive(WAIT)).isPresent(); // held, not settled
            }

            long closing = System.nanoTime();
            leaving.close();
            // Joining only once the server has taken every nak: no member pulls while it puts them back.
            for (int i = 0; i < sent.size(); i++) {
                assertThat(naks.nextMessage(WAIT)).as("the server's advisory of a nak").isNotNull();
            }

            try (AckSubscriber joining = backend.ackSubscriber(group)) {
                joining.subscribe(topic);
                List<String> back = new ArrayList<>();
                for (int i = 0; i < sent.size(); i++) {
                    Delivery delivery = joining.receive(WAIT).orElseThrow();
                    back.add(delivery.message().payloadAsString());
                    delivery.ack();
                }
                Duration elapsed = Duration.ofNanos(System.nanoTime() - closing);

                assertThat(back).containsExactlyInAnyOrderElementsOf(sent);
                assertThat(elapsed).as("time until every message came back").isLessThan(AT_ONCE);
                assertThat(joining.receive(Duration.ofMillis(300))).as("a message delivered twice").isEmpty();
            }
        } finally {
            naks.unsubscribe();
        }
    }

    @Test
    void membersClosingTogetherGiveEveryHeldMessageToAMemberThatJoinsLaterAtOnceAndOnce() throws Exception {
        for (int round = 0; round < 10; round++) {
            String roundTopic = topic + "-" + round;
            Subscription naks = nats.inspector().subscribe("$JS.EVENT.ADVISORY.CONSUMER.MSG_NAKED."
                    + NatsNames.stream(roundTopic) + "." + NatsNames.consumer(group));
            nats.inspector().flush(WAIT);
            try {
                AckSubscriber first = backend.ackSubscriber(group);
                AckSubscriber second = backend.ackSubscriber(group);
                first.subscribe(roundTopic);
                second.subscribe(roundTopic);
                backend.publisher().publish(roundTopic,
                        List.of(Message.of("t-0"), Message.of("t-1"), Message.of("t-2")));
                int held = 0;
                long giveUp = System.nanoTime() + WAIT.toNanos();
                while (held < 3 && System.nanoTime() < giveUp) {
                    held += first.receive(Duration.ofMillis(50)).isPresent() ? 1 : 0;
                    held += second.receive(Duration.ofMillis(50)).isPresent() ? 1 : 0;
                }
                assertThat(held).as("deliveries held, not settled").isEqualTo(3);

                // Both close at once, as a listener's consumers do when it stops: the one that closes second
                // must not unsubscribe its pulls just after the other's naks.
                CountDownLatch start = new CountDownLatch(1);
                Thread closingSecond = new Thread(() -> {
                    awaitQuietly(start);
                    second.close();
                });
                closingSecond.start();
                start.countDown();
                first.close();
                closingSecond.join(WAIT.toMillis());
                for (int i = 0; i < 3; i++) {
                    assertThat(naks.nextMessage(WAIT)).as("the server's advisory of a nak").isNotNull();
                }

                try (AckSubscriber joining = backend.ackSubscriber(group)) {
                    long joined = System.nanoTime();
                    joining.subscribe(roundTopic);
                    List<String> back = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        Delivery delivery = joining.receive(WAIT).orElseThrow();
                        back.add(delivery.message().payloadAsString());
                        delivery.ack();
                    }

                    assertThat(back).as("round " + round).containsExactlyInAnyOrder("t-0", "t-1", "t-2");
                    assertThat(Duration.ofNanos(System.nanoTime() - joined)).isLessThan(AT_ONCE);
                    assertThat(joining.receive(Duration.ofMillis(300))).as("a message delivered twice").isEmpty();
                }
            } finally {
                naks.unsubscribe();
            }
        }
    }

    @Test
    void closingAPlainSubscriberGivesBackWhatItBufferedButDidNotHandOutAtOnce() throws Exception {
        Subscriber first = backend.subscriber(group);
        first.subscribe(topic);
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sent.add(Message.of("p-" + i));
        }
        backend.publisher().publish(topic, sent);
        assertThat(first.receive(WAIT)).map(Message::payloadAsString).contains("p-0");
        await().atMost(WAIT).until(() -> consumer().getNumPending() == 0);

        // A member of another backend, as in another instance of the application: what the closing member
        // buffered goes back through the server rather than straight to a member of its own backend.
        try (Subscriber next = nats.backend().subscriber(group)) {
            next.subscribe(topic);
            long closing = System.nanoTime();
            first.close();
            List<String> rest = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                rest.add(next.receive(WAIT).orElseThrow().payloadAsString());
            }
            assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(AT_ONCE);
            assertThat(rest).containsExactlyInAnyOrder("p-1", "p-2", "p-3", "p-4", "p-5", "p-6", "p-7", "p-8", "p-9");
            assertThat(next.receive(Duration.ofMillis(300))).isEmpty();
        }
    }

    @Test
    void aPrivateSubscribersConsumerIsDeletedWhenItCloses() throws Exception {
        Subscriber subscriber = backend.subscriber();
        subscriber.subscribe(topic);
        String stream = NatsNames.stream(topic);
        assertThat(nats.management().getConsumerNames(stream)).singleElement().asString().startsWith("_private-");

        subscriber.close();

        assertThat(nats.management().getConsumerNames(stream)).isEmpty();
    }

    @Test
    void aMemberHoldsNoMoreThanAboutTwoPullBatchesPerTopicSoPeersShareTheBacklog() throws Exception {
        NatsBackend small = nats.track(nats.builder().settings(NatsSettings.defaults().withPullBatch(5)).build());
        try (AckSubscriber hoarder = small.ackSubscriber(group)) {
            hoarder.subscribe(topic);
            List<Message> backlog = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                backlog.add(Message.of("b-" + i));
            }
            backend.publisher().publish(topic, backlog);
            assertThat(hoarder.receive(WAIT)).isPresent();

            // The buffer (5), the pull in flight to the dispatcher and the one handed out: the rest waits.
            await().atMost(WAIT).until(() -> consumer().getNumPending() < 100);
            assertThat(consumer().getNumAckPending()).isLessThanOrEqualTo(5 * 3 + 1);
            assertThat(consumer().getNumPending()).isGreaterThanOrEqualTo(100 - (5 * 3 + 1));
        }
    }

    @Test
    void membersClosingAllAtOnceKeepTheirBackendsConnection() throws Exception {
        List<AckSubscriber> members = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            AckSubscriber member = backend.ackSubscriber(group);
            member.subscribe(topic);
            members.add(member);
        }
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            sent.add(Message.of("m-" + i));
        }
        backend.publisher().publish(topic, sent);
        assertThat(members.get(0).receive(WAIT)).isPresent();

        // As the four consumer threads of a listener container close their subscribers when it stops.
        ExecutorService threads = Executors.newFixedThreadPool(members.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> closing = new ArrayList<>();
            for (AckSubscriber member : members) {
                closing.add(threads.submit(() -> {
                    go.await();
                    member.close();
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> each : closing) {
                each.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(backend.connection().get().getStatistics().getReconnects()).as("reconnects").isZero();
    }

    private ConsumerInfo consumer() throws Exception {
        return nats.management().getConsumerInfo(NatsNames.stream(topic), NatsNames.consumer(group));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.Optional<Delivery> receiveQuietly(AckSubscriber subscriber) {
        try {
            return subscriber.receive(WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }
}

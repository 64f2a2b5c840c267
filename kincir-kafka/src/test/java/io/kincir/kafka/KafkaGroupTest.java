package io.kincir.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kincir.AckSubscriber;
import io.kincir.BrokerShutdownException;
import io.kincir.Delivery;
import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.Subscriber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Groups over Kafka: commits, rebalances and closing, beyond what the conformance suite checks. */
class KafkaGroupTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final KafkaBackend backend = SharedKafkaBroker.backend().build();

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void onlyTheContiguouslyAcknowledgedPrefixIsCommitted() throws InterruptedException {
        String topic = KafkaRecordsTest.topic();
        String group = "acks-" + UUID.randomUUID();
        List<Message> sent = keyed(10);
        AckSubscriber leaving = backend.ackSubscriber(group);
        leaving.subscribe(topic);
        backend.publisher().publish(topic, sent);
        List<Delivery> held = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            held.add(leaving.receive(WAIT).orElseThrow());
        }
        // Settle 0, 1, 2 and 5 (nack(false) counts as settled); 3, 4 and 6..9 stay outstanding.
        held.get(0).ack();
        held.get(1).ack();
        held.get(2).nack(false);
        held.get(5).ack();

        leaving.close();

        try (AckSubscriber next = backend.ackSubscriber(group)) {
            next.subscribe(topic);
            List<String> redelivered = new ArrayList<>();
            for (Optional<Delivery> d = next.receive(WAIT); d.isPresent(); d = next.receive(Duration.ofSeconds(1))) {
                redelivered.add(d.get().message().payloadAsString());
                d.get().ack();
            }
            // 5 was acknowledged, but after a gap: the commit stops at 3, so 5 comes again.
            assertThat(redelivered).containsExactly("m3", "m4", "m5", "m6", "m7", "m8", "m9");
        }
    }

    @Test
    void aMemberLeavingWithUnackedDeliveriesHandsThemToTheOtherMember() throws Exception {
        String topic = KafkaRecordsTest.topic();
        String group = "leave-" + UUID.randomUUID();
        try (AckSubscriber staying = backend.ackSubscriber(group)) {
            AckSubscriber leaving = backend.ackSubscriber(group);
            staying.subscribe(topic);
            leaving.subscribe(topic);
            backend.publisher().publish(topic, IntStream.range(0, 40).mapToObj(i -> Message.of("m" + i)).toList());

            // Each member holds what it was given (40 round-robin over 4 partitions, 2 each).
            Set<String> heldByLeaving = new HashSet<>();
            Set<String> settledByStaying = new HashSet<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (heldByLeaving.size() + settledByStaying.size() < 40 && System.nanoTime() < deadline) {
                leaving.receive(Duration.ofMillis(50)).ifPresent(d -> heldByLeaving.add(d.message().payloadAsString()));
                staying.receive(Duration.ofMillis(50)).ifPresent(d -> {
                    settledByStaying.add(d.message().payloadAsString());
                    d.ack();
                });
            }
            assertThat(heldByLeaving).hasSize(20);
            assertThat(settledByStaying).hasSize(20);

            leaving.close();

            Set<String> takenOver = new HashSet<>();
            while (takenOver.size() < 20) {
                Delivery delivery = staying.receive(WAIT).orElseThrow(() -> new AssertionError("got " + takenOver));
                assertThat(takenOver.add(delivery.message().payloadAsString())).isTrue();
                delivery.ack();
            }
            assertThat(takenOver).isEqualTo(heldByLeaving);
            assertThat(staying.receive(Duration.ofMillis(500))).isEmpty();
        }
    }

    @Test
    void aRebalanceToASecondMemberLosesNothing() throws Exception {
        String topic = KafkaRecordsTest.topic();
        String group = "rebalance-" + UUID.randomUUID();
        Set<String> received = ConcurrentHashMap.newKeySet();
        Set<String> receivedBySecond = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (AckSubscriber first = backend.ackSubscriber(group); AckSubscriber second = backend.ackSubscriber(group)) {
            first.subscribe(topic);
            Future<?> firstLoop = threads.submit(() -> consume(first, received::add, running));
            backend.publisher().publish(topic, IntStream.range(0, 200).mapToObj(i -> Message.of("before-" + i)).toList());

            second.subscribe(topic);
            Future<?> secondLoop = threads.submit(() -> consume(second, payload -> {
                receivedBySecond.add(payload);
                received.add(payload);
            }, running));
            backend.publisher().publish(topic, IntStream.range(0, 200).mapToObj(i -> Message.of("after-" + i)).toList());

            await().atMost(WAIT).until(() -> received.size() == 400);
            running.set(false);
            firstLoop.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            secondLoop.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            threads.shutdownNow();
        }
        List<String> all = new ArrayList<>();
        IntStream.range(0, 200).forEach(i -> {
            all.add("before-" + i);
            all.add("after-" + i);
        });
        assertThat(received).containsExactlyInAnyOrderElementsOf(all);
        assertThat(receivedBySecond).as("the second member took over partitions").isNotEmpty();
    }

    @Test
    void closingTheBackendWakesAWaitingReceiver() throws Exception {
        Subscriber subscriber = backend.subscriber("wake-" + UUID.randomUUID());
        subscriber.subscribe(KafkaRecordsTest.topic());
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            AtomicReference<Thread> receiver = new AtomicReference<>();
            Future<Message> waiting = thread.submit(() -> {
                receiver.set(Thread.currentThread());
                return subscriber.receive();
            });
            await().atMost(WAIT).until(() -> receiver.get() != null
                    && receiver.get().getState() == Thread.State.TIMED_WAITING);

            backend.close();

            assertThatThrownBy(() -> waiting.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                    .hasCauseInstanceOf(BrokerShutdownException.class);
        } finally {
            thread.shutdownNow();
        }
    }

    @Test
    void receivingBeforeSubscribingOrAfterClosingIsAnError() {
        Subscriber subscriber = backend.subscriber();
        assertThatIllegalStateException().isThrownBy(() -> subscriber.receive(Duration.ZERO))
                .withMessageContaining("Subscribe to a topic");
        subscriber.close();
        assertThatIllegalStateException().isThrownBy(() -> subscriber.receive(Duration.ZERO))
                .withMessageContaining("closed");
    }

    private static void consume(AckSubscriber member, Consumer<String> sink, AtomicBoolean running) {
        try {
            while (running.get()) {
                member.receive(Duration.ofMillis(50)).ifPresent(delivery -> {
                    sink.accept(delivery.message().payloadAsString());
                    delivery.ack();
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<Message> keyed(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> Message.of("m" + i).withMetadata(MetadataKeys.PARTITION_KEY, "one")).toList();
    }
}

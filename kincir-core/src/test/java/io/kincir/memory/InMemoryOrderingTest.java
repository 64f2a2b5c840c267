package io.kincir.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.QueueFullException;
import io.kincir.Subscriber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** maintainOrder: {@code _sequence} 1, 2, 3… per topic, and delivery in that order even with concurrent publishers. */
class InMemoryOrderingTest {

    @Test
    void messagesAreNumberedPerTopicFromOneAcrossBatches() throws InterruptedException {
        try (InMemoryBroker broker = new InMemoryBroker(InMemoryConfig.defaults());
                Subscriber orders = broker.subscriber();
                Subscriber payments = broker.subscriber()) {
            orders.subscribe("orders");
            payments.subscribe("payments");
            broker.publisher().publish("orders", List.of(Message.of("a"), Message.of("b")));
            broker.publisher().publish("orders", Message.of("c"));
            broker.publisher().publish("payments", Message.of("p"));

            assertThat(sequences(orders, 3)).containsExactly(1L, 2L, 3L);
            assertThat(sequences(payments, 1)).containsExactly(1L);
        }
    }

    @Test
    void withoutMaintainOrderNoSequenceIsAdded() throws InterruptedException {
        try (InMemoryBroker broker = new InMemoryBroker(InMemoryConfig.defaults().withMaintainOrder(false));
                Subscriber subscriber = broker.subscriber()) {
            subscriber.subscribe("t");
            broker.publisher().publish("t", Message.of("a"));

            assertThat(subscriber.receive(Duration.ofSeconds(5)).orElseThrow().metadata())
                    .doesNotContainKey(MetadataKeys.SEQUENCE);
        }
    }

    @Test
    void aRefusedBatchLeavesNoGapInTheSequence() throws InterruptedException {
        try (InMemoryBroker broker = new InMemoryBroker(InMemoryConfig.defaults().withMaxQueueSize(2));
                Subscriber subscriber = broker.subscriber("g")) {
            subscriber.subscribe("t");
            broker.publisher().publish("t", Message.of("1"));
            assertThatThrownBy(() -> broker.publisher().publish("t", List.of(Message.of("x"), Message.of("y"))))
                    .isInstanceOf(QueueFullException.class);
            broker.publisher().publish("t", Message.of("2"));

            assertThat(sequences(subscriber, 2)).containsExactly(1L, 2L);
        }
    }

    @Test
    void concurrentPublishersStillProduceOneOrderThatEveryGroupSees() throws Exception {
        int publishers = 4;
        int perPublisher = 5_000;
        ExecutorService threads = Executors.newFixedThreadPool(publishers);
        try (InMemoryBroker broker = new InMemoryBroker(InMemoryConfig.defaults());
                Subscriber first = broker.subscriber("first");
                Subscriber second = broker.subscriber("second")) {
            first.subscribe("t");
            second.subscribe("t");
            List<Future<?>> running = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                running.add(threads.submit(() -> {
                    for (int i = 0; i < perPublisher; i++) {
                        broker.publisher().publish("t", Message.of("m"));
                    }
                }));
            }
            for (Future<?> each : running) {
                each.get(30, TimeUnit.SECONDS);
            }

            List<Long> expected = new ArrayList<>();
            for (long i = 1; i <= publishers * perPublisher; i++) {
                expected.add(i);
            }
            assertThat(sequences(first, expected.size())).containsExactlyElementsOf(expected);
            assertThat(sequences(second, expected.size())).containsExactlyElementsOf(expected);
        } finally {
            threads.shutdownNow();
        }
    }

    private static List<Long> sequences(Subscriber subscriber, int count) throws InterruptedException {
        List<Long> sequences = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message message = subscriber.receive(Duration.ofSeconds(5)).orElseThrow();
            sequences.add(Long.parseLong(message.metadata(MetadataKeys.SEQUENCE).orElseThrow()));
        }
        return sequences;
    }
}

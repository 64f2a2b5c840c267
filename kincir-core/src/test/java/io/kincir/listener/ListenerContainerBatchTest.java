package io.kincir.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kincir.Message;
import io.kincir.MessageConversionException;
import io.kincir.MetadataKeys;
import io.kincir.Subscriber;
import io.kincir.memory.InMemoryBroker;
import io.kincir.memory.InMemoryConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A container with a {@link BatchHandler}, on the in-memory broker. */
class ListenerContainerBatchTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final RetryPolicy FAST = RetryPolicy.of(3, Duration.ofMillis(1), 2.0, Duration.ofMillis(5));

    private final InMemoryBroker broker = new InMemoryBroker(InMemoryConfig.defaults());
    private final List<ListenerContainer> containers = new ArrayList<>();

    @AfterEach
    void tearDown() {
        containers.forEach(ListenerContainer::stop);
        broker.close();
    }

    private ListenerContainer start(ListenerContainerBuilder builder) {
        ListenerContainer container = builder.pollTimeout(Duration.ofMillis(100)).build();
        containers.add(container);
        container.start();
        return container;
    }

    private ListenerContainerBuilder listener(int batchSize, Duration batchTimeout) {
        return ListenerContainer.builder(broker).id("test").topics("orders").group("workers").retryPolicy(FAST)
                .batchSize(batchSize).batchTimeout(batchTimeout);
    }

    /** Publishes the messages in one call, so that they are all waiting when the consumer receives. */
    private List<Message> publish(int count) {
        List<Message> messages = IntStream.rangeClosed(1, count).mapToObj(i -> Message.of("m" + i)).toList();
        broker.publisher().publish("orders", messages);
        return messages;
    }

    private List<Message> deadLetters(int count) throws InterruptedException {
        try (Subscriber subscriber = broker.subscriber("kincir-dead-letters")) {
            subscriber.subscribe("orders.dlq");
            List<Message> received = new ArrayList<>();
            while (received.size() < count) {
                Optional<Message> next = subscriber.receive(WAIT);
                assertThat(next).as("dead letter %d of %d", received.size() + 1, count).isPresent();
                received.add(next.get());
            }
            assertThat(subscriber.receive(Duration.ofMillis(200))).as("one dead letter too many").isEmpty();
            return received;
        }
    }

    @Test
    void batchesHoldAtMostTheBatchSizeAndEveryMessageOnce() {
        List<List<String>> batches = new CopyOnWriteArrayList<>();
        ListenerContainer container = start(listener(10, Duration.ofSeconds(1)).batchHandler(
                batch -> batches.add(batch.stream().map(Message::payloadAsString).toList())));

        List<Message> sent = publish(25);

        await().atMost(WAIT).until(() -> batches.stream().mapToInt(List::size).sum() >= 25);
        assertThat(batches).allSatisfy(batch -> assertThat(batch).hasSizeBetween(1, 10));
        assertThat(batches).as("full batches, the last one cut short by the timeout").extracting(List::size)
                .containsExactly(10, 10, 5);
        assertThat(batches.stream().flatMap(List::stream)).as("every message once")
                .containsExactlyElementsOf(sent.stream().map(Message::payloadAsString).toList());
        container.stop();
        assertThat(container.state().handled()).as("counted per message").isEqualTo(25);
        assertThat(broker.healthCheck().queuedMessages()).as("every message acknowledged").isZero();
    }

    @Test
    void aShortTimeoutHandsOverAPartialBatch() {
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        start(listener(100, Duration.ofMillis(50)).batchHandler(batch -> sizes.add(batch.size())));

        publish(3);

        await().atMost(WAIT).until(() -> sizes.stream().mapToInt(Integer::intValue).sum() == 3);
        assertThat(sizes).containsExactly(3);
    }

    @Test
    void eachMessageOfTheBatchCarriesTheBatchsAttempt() {
        List<String> seen = new CopyOnWriteArrayList<>();
        start(listener(10, WAIT.dividedBy(10)).batchHandler(batch -> {
            batch.forEach(message -> seen.add(message.payloadAsString() + "#"
                    + message.metadata(MetadataKeys.ATTEMPT).orElseThrow()));
            if (seen.size() <= 2) {
                throw new IllegalStateException("first attempt fails");
            }
        }));

        publish(2);

        await().atMost(WAIT).until(() -> seen.size() == 4);
        assertThat(seen).containsExactly("m1#1", "m2#1", "m1#2", "m2#2");
    }

    @Test
    void aBatchThatFailsEveryAttemptIsRetriedWholeThenEachMessageDeadLetteredOnce() throws Exception {
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        ListenerContainer container = start(listener(5, WAIT).batchHandler(batch -> {
            attempts.add(batch.size());
            throw new IllegalStateException("warehouse down");
        }));

        List<Message> sent = publish(5);

        List<Message> deadLetters = deadLetters(5);
        assertThat(attempts).as("three attempts at the whole batch").containsExactly(5, 5, 5);
        assertThat(deadLetters).extracting(Message::uuid).containsExactlyElementsOf(sent.stream().map(Message::uuid)
                .toList());
        assertThat(deadLetters).allSatisfy(deadLetter -> assertThat(deadLetter.metadata())
                .containsEntry(MetadataKeys.ERROR, "java.lang.IllegalStateException: warehouse down")
                .containsEntry(MetadataKeys.ORIGINAL_TOPIC, "orders").containsEntry(MetadataKeys.ATTEMPT, "3"));
        ListenerState state = container.state();
        assertThat(state.deadLettered()).isEqualTo(5);
        assertThat(state.failedAttempts()).as("per message").isEqualTo(15);
        assertThat(state.handled()).isZero();
    }

    @Test
    void aMessageThatCannotBeConvertedIsDeadLetteredAloneAndTheRestOfTheBatchIsHandled() throws Exception {
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        ListenerContainer container = start(listener(10, WAIT.dividedBy(10)).batchHandler(message -> {
            String text = message.payloadAsString();
            if (text.equals("m3")) {
                throw new MessageConversionException("Cannot read m3 as a number", null);
            }
            return Integer.parseInt(text.substring(1));
        }, batches::add));

        List<Message> sent = publish(5);

        Message deadLetter = deadLetters(1).get(0);
        assertThat(deadLetter.uuid()).isEqualTo(sent.get(2).uuid());
        assertThat(deadLetter.metadata()).containsEntry(MetadataKeys.ATTEMPT, "1")
                .containsEntry(MetadataKeys.ERROR, "io.kincir.MessageConversionException: Cannot read m3 as a number");
        await().atMost(WAIT).until(() -> container.state().handled() == 4);
        assertThat(batches).containsExactly(List.of(1, 2, 4, 5));
        assertThat(container.state().deadLettered()).isEqualTo(1);
    }

    @Test
    void stoppingDuringABackoffGivesTheWholeBatchBack() throws Exception {
        RecordingBackend backend = new RecordingBackend(broker);
        List<String> attempts = new CopyOnWriteArrayList<>();
        AtomicBoolean failing = new AtomicBoolean(true);
        ListenerContainer container = start(ListenerContainer.builder(backend).id("test").topics("orders")
                .group("workers").retryPolicy(RetryPolicy.of(3, Duration.ofHours(1), 1.0, Duration.ofHours(1)))
                .batchSize(2).batchTimeout(WAIT).batchHandler(batch -> {
                    batch.forEach(message -> attempts.add(message.payloadAsString()));
                    if (failing.get()) {
                        throw new IllegalStateException("not yet");
                    }
                }));
        publish(2);
        await().atMost(WAIT).until(() -> attempts.size() == 2);

        container.stopAsync().get(10, TimeUnit.SECONDS);

        assertThat(backend.events()).containsExactly("nack m1 requeue=true", "nack m2 requeue=true");
        failing.set(false);
        container.start();
        await().atMost(WAIT).until(() -> attempts.size() == 4);
        assertThat(container.state().deadLettered()).isZero();
    }

    @Test
    void aListenerHasAMessageHandlerOrABatchHandlerAndAPositiveBatchSize() {
        assertThatThrownBy(() -> listener(10, WAIT).handler(message -> { }).batchHandler(batch -> { }).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> listener(10, WAIT).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs either a handler or a batch handler");
        assertThatThrownBy(() -> listener(0, WAIT).batchHandler(batch -> { }).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchSize must be at least 1");
        assertThatThrownBy(() -> listener(10, Duration.ZERO).batchHandler(batch -> { }).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchTimeout");
    }
}

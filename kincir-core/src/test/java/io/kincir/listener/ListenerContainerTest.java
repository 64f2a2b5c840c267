package io.kincir.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kincir.KincirException;
import io.kincir.Message;
import io.kincir.MessageConversionException;
import io.kincir.MetadataKeys;
import io.kincir.Publisher;
import io.kincir.Subscriber;
import io.kincir.memory.InMemoryBroker;
import io.kincir.memory.InMemoryConfig;
import io.kincir.spi.Names;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ListenerContainerTest {

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

    private ListenerContainerBuilder listener(String topic, MessageHandler handler) {
        return ListenerContainer.builder(broker).id("test").topics(topic).group("workers").handler(handler)
                .retryPolicy(FAST);
    }

    private void publish(String topic, String... payloads) {
        for (String payload : payloads) {
            broker.publisher().publish(topic, Message.of(payload));
        }
    }

    private List<Message> deadLetters(String topic, int count) throws InterruptedException {
        try (Subscriber subscriber = broker.subscriber("kincir-dead-letters")) {
            subscriber.subscribe(topic);
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
    void handlesEachMessageOnceAndAcknowledgesIt() {
        List<String> handled = new CopyOnWriteArrayList<>();
        ListenerContainer container = start(listener("orders", message -> handled.add(message.payloadAsString())));

        publish("orders", "a", "b", "c");

        await().atMost(WAIT).until(() -> handled.size() == 3);
        container.stop();
        assertThat(handled).containsExactly("a", "b", "c");
        assertThat(broker.healthCheck().queuedMessages()).as("nothing went back to the group").isZero();
        assertThat(container.state().handled()).isEqualTo(3);
    }

    @Test
    void theHandlerSeesTheAttemptNumber() {
        List<String> attempts = new CopyOnWriteArrayList<>();
        start(listener("orders", message -> {
            attempts.add(message.metadata(MetadataKeys.ATTEMPT).orElseThrow());
            if (attempts.size() < 2) {
                throw new IllegalStateException("first attempt fails");
            }
        }));

        publish("orders", "a");

        await().atMost(WAIT).until(() -> attempts.size() == 2);
        assertThat(attempts).containsExactly("1", "2");
    }

    @Test
    void handlerDecoratorsWrapEveryAttemptOnEachTopicTheLastAddedOutermost() {
        List<String> calls = new CopyOnWriteArrayList<>();
        HandlerDecorator outer = (topic, handler) -> message -> {
            calls.add("outer " + topic.topic() + " " + message.metadata(MetadataKeys.ATTEMPT).orElseThrow());
            handler.handle(message);
        };
        HandlerDecorator inner = (topic, handler) -> message -> {
            calls.add("inner " + topic.listenerId() + "/" + topic.group());
            handler.handle(message);
        };
        AtomicInteger attempts = new AtomicInteger();
        start(listener("orders", message -> {
            calls.add("handler " + message.payloadAsString());
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("first attempt fails");
            }
        }).topics("orders", "refunds").handlerDecorator(inner).handlerDecorator(outer));

        publish("orders", "a");
        await().atMost(WAIT).until(() -> calls.size() == 6);
        publish("refunds", "r");

        await().atMost(WAIT).until(() -> calls.size() == 9);
        assertThat(calls).containsExactly("outer orders 1", "inner test/workers", "handler a",
                "outer orders 2", "inner test/workers", "handler a",
                "outer refunds 1", "inner test/workers", "handler r");
    }

    @Test
    void retriesThenDeadLettersWithErrorOriginalTopicAndAttempts() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ListenerContainer container = start(listener("orders", message -> {
            calls.incrementAndGet();
            throw new IllegalStateException("card declined");
        }));
        Message original = Message.of("order-1").withMetadata("customer", "Alice");

        broker.publisher().publish("orders", original);

        Message deadLetter = deadLetters("orders.dlq", 1).get(0);
        assertThat(calls).hasValue(3);
        assertThat(deadLetter.uuid()).isEqualTo(original.uuid());
        assertThat(deadLetter.payloadAsString()).isEqualTo("order-1");
        assertThat(deadLetter.metadata()).containsEntry("customer", "Alice")
                .containsEntry(MetadataKeys.ERROR, "java.lang.IllegalStateException: card declined")
                .containsEntry(MetadataKeys.ORIGINAL_TOPIC, "orders").containsEntry(MetadataKeys.ATTEMPT, "3");
        assertThat(container.state().deadLettered()).isEqualTo(1);
        assertThat(container.state().lastError()).contains("card declined");
    }

    @Test
    void anErrorQuotingAHugePayloadIsCutShortInTheDeadLetterAndTheLastError() throws Exception {
        String huge = "x".repeat(100_000);
        ListenerContainer container = start(listener("orders", message -> {
            throw new MessageConversionException("Cannot convert the payload: " + huge, null);
        }));

        publish("orders", "whatever");

        String error = deadLetters("orders.dlq", 1).get(0).metadata(MetadataKeys.ERROR).orElseThrow();
        assertThat(error).startsWith("io.kincir.MessageConversionException: Cannot convert the payload: xxx")
                .endsWith("… (99,066 more characters)").hasSizeLessThan(1_100);
        await().atMost(WAIT).untilAsserted(() -> assertThat(container.state().lastError()).hasSizeLessThan(1_200));
    }

    @Test
    void aPayloadThatCannotBeConvertedIsDeadLetteredWithoutRetries() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        start(listener("orders", message -> {
            calls.incrementAndGet();
            throw new MessageConversionException("Cannot convert the payload to Order: not JSON", null);
        }));

        publish("orders", "not json");

        Message deadLetter = deadLetters("orders.dlq", 1).get(0);
        assertThat(calls).hasValue(1);
        assertThat(deadLetter.metadata()).containsEntry(MetadataKeys.ATTEMPT, "1")
                .containsEntry(MetadataKeys.ERROR, "io.kincir.MessageConversionException: Cannot convert the payload "
                        + "to Order: not JSON");
    }

    @Test
    void aNotRetryableFailureIsDeadLetteredAfterItsFirstAttempt() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        start(listener("orders", message -> {
            calls.incrementAndGet();
            throw new IllegalStateException("wrapped", new IllegalArgumentException("order is invalid"));
        }).retryPolicy(FAST.withNotRetryable(List.of(IllegalArgumentException.class))));

        publish("orders", "a");

        Message deadLetter = deadLetters("orders.dlq", 1).get(0);
        assertThat(calls).hasValue(1);
        assertThat(deadLetter.metadata()).containsEntry(MetadataKeys.ATTEMPT, "1");
    }

    @Test
    void aConversionFailureIsNotRetriedEvenWhenItsTypeIsListedAsRetryable() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        start(listener("orders", message -> {
            calls.incrementAndGet();
            throw new MessageConversionException("Cannot convert the payload to Order: not JSON", null);
        }).retryPolicy(FAST.withRetryable(List.of(KincirException.class, RuntimeException.class))));

        publish("orders", "not json");

        assertThat(deadLetters("orders.dlq", 1).get(0).metadata()).containsEntry(MetadataKeys.ATTEMPT, "1");
        assertThat(calls).hasValue(1);
    }

    @Test
    void deadLettersPublishedWhileNobodyReadsThemAreKeptForLater() throws Exception {
        ListenerContainer container = start(listener("orders", message -> {
            throw new IllegalStateException("always fails");
        }).retryPolicy(RetryPolicy.noRetries()));

        for (int i = 0; i < 25; i++) {
            publish("orders", "order-" + i);
        }
        await().atMost(WAIT).until(() -> container.state().deadLettered() == 25);
        container.stop();

        assertThat(deadLetters("orders.dlq", 25)).extracting(Message::payloadAsString).doesNotHaveDuplicates();
        assertThat(broker.healthCheck().unroutedMessages()).as("no dead letter went unrouted").isZero();
    }

    @Test
    void everyMessageIsHandledOrDeadLetteredWithSeveralConsumers() throws Exception {
        int count = 300;
        Set<String> handled = ConcurrentHashMap.newKeySet();
        AtomicInteger handledCalls = new AtomicInteger();
        ListenerContainer container = start(listener("orders", message -> {
            int number = Integer.parseInt(message.payloadAsString());
            if (number % 7 == 0) {
                throw new IllegalArgumentException("order " + number + " is invalid");
            }
            handled.add(message.payloadAsString());
            handledCalls.incrementAndGet();
        }).concurrency(4));

        for (int i = 0; i < count; i++) {
            publish("orders", Integer.toString(i));
        }
        await().atMost(WAIT).until(() -> container.state().handled() + container.state().deadLettered() == count);
        container.stop();

        List<Message> deadLetters = deadLetters("orders.dlq", 43);
        assertThat(handledCalls).as("no message handled twice").hasValue(handled.size());
        Set<String> all = new HashSet<>(handled);
        deadLetters.forEach(message -> all.add(message.payloadAsString()));
        assertThat(all).hasSize(count);
        assertThat(handled.size() + deadLetters.size()).isEqualTo(count);
    }

    @Test
    void atLeastOnceAcknowledgesAfterTheHandler() {
        RecordingBackend backend = new RecordingBackend(broker);
        start(ListenerContainer.builder(backend).id("test").topics("orders").group("workers")
                .handler(message -> backend.events.add("handle " + message.payloadAsString())));

        publish("orders", "a");

        await().atMost(WAIT).until(() -> backend.events().size() == 2);
        assertThat(backend.events()).containsExactly("handle a", "ack a");
    }

    @Test
    void whileMessagesKeepComingTheConsumerTakesTheNextWithoutWaitingAndWaitsOnlyWhenNoneIsThere() {
        RecordingBackend backend = new RecordingBackend(broker);
        List<String> handled = new CopyOnWriteArrayList<>();
        start(ListenerContainer.builder(backend).id("test").topics("orders").group("workers")
                .handler(message -> handled.add(message.payloadAsString())));

        broker.publisher().publish("orders", List.of(Message.of("a"), Message.of("b"), Message.of("c")));

        await().atMost(WAIT).until(() -> afterFirstDelivery(backend.timedReceives).size() >= 5);
        assertThat(afterFirstDelivery(backend.timedReceives).subList(0, 5)).as("timeout asked: what it returned")
                .containsExactly("PT0.1S: a", "PT0S: b", "PT0S: c", "PT0S: none", "PT0.1S: none");
        assertThat(handled).containsExactly("a", "b", "c");
    }

    /** The receives from the first that returned a message on, those that waited in vain before it left out. */
    private static List<String> afterFirstDelivery(Iterable<String> receives) {
        List<String> from = new ArrayList<>();
        for (String receive : receives) {
            if (!from.isEmpty() || !receive.endsWith(": none")) {
                from.add(receive);
            }
        }
        return from;
    }

    @Test
    void atMostOnceAcknowledgesBeforeTheHandler() {
        RecordingBackend backend = new RecordingBackend(broker);
        start(ListenerContainer.builder(backend).id("test").topics("orders").group("workers")
                .ackMode(AckMode.AT_MOST_ONCE)
                .handler(message -> backend.events.add("handle " + message.payloadAsString())));

        publish("orders", "a");

        await().atMost(WAIT).until(() -> backend.events().size() == 2);
        assertThat(backend.events()).containsExactly("ack a", "handle a");
    }

    @Test
    void aFailedDeadLetterPublishIsTriedAgainWithoutHandlingTheMessageAgain() {
        AtomicInteger deadLetterPublishes = new AtomicInteger();
        Publisher failingOnce = (topic, messages) -> {
            if (deadLetterPublishes.incrementAndGet() == 1) {
                throw new KincirException("dead-letter topic unavailable");
            }
            broker.publisher().publish(topic, messages);
        };
        RecordingBackend backend = new RecordingBackend(broker);
        AtomicInteger calls = new AtomicInteger();
        ListenerContainer container = start(ListenerContainer.builder(backend).id("test").topics("orders")
                .group("workers").retryPolicy(RetryPolicy.noRetries()).publisher(failingOnce)
                .recoveryInterval(Duration.ofMillis(10)).handler(message -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("always fails");
                }));

        publish("orders", "a");

        await().atMost(WAIT).until(() -> container.state().deadLettered() == 1);
        assertThat(calls).as("the handler's side effects are not repeated").hasValue(1);
        assertThat(deadLetterPublishes).hasValue(2);
        assertThat(backend.events()).containsExactly("ack a");
        assertThat(container.state().lastError()).contains("Could not publish message", "dead-letter topic unavailable");
    }

    @Test
    void aDeadLetterThatCannotBePublishedIsParkedAfterTheConfiguredAttemptsAndTheMessagesBehindItFlow() {
        AtomicInteger deadLetterPublishes = new AtomicInteger();
        Publisher alwaysFailing = (topic, messages) -> {
            deadLetterPublishes.incrementAndGet();
            throw new KincirException("dead-letter topic is full");
        };
        RecordingBackend backend = new RecordingBackend(broker);
        List<String> handled = new CopyOnWriteArrayList<>();
        ListenerContainer container = start(ListenerContainer.builder(backend).id("test").topics("orders")
                .group("workers").retryPolicy(RetryPolicy.noRetries()).publisher(alwaysFailing).deadLetterAttempts(4)
                .recoveryInterval(Duration.ofMillis(10)).handler(message -> {
                    handled.add(message.payloadAsString());
                    if (message.payloadAsString().equals("poison")) {
                        throw new IllegalStateException("cannot handle it");
                    }
                }));

        publish("orders", "poison", "next");

        await().atMost(WAIT).until(() -> handled.contains("next"));
        assertThat(handled).as("the handler's side effects are not repeated").containsExactly("poison", "next");
        assertThat(deadLetterPublishes).hasValue(4);
        await().atMost(WAIT).until(() -> backend.events().size() == 2);
        assertThat(backend.events()).containsExactly("ack poison", "ack next");
        ListenerState state = container.state();
        assertThat(state.parked()).isEqualTo(1);
        assertThat(state.deadLettered()).isZero();
        assertThat(container.parked()).singleElement().satisfies(parked -> {
            assertThat(parked.message().payloadAsString()).isEqualTo("poison");
            assertThat(parked.message().metadata()).doesNotContainKey(MetadataKeys.ERROR);
            assertThat(parked.topic()).isEqualTo("orders");
            assertThat(parked.reason()).isEqualTo("io.kincir.KincirException: dead-letter topic is full");
            assertThat(parked.failure()).isEqualTo("java.lang.IllegalStateException: cannot handle it");
            assertThat(parked.parkedAt()).isNotNull();
        });
    }

    @Test
    void theParkedListKeepsTheLatestMessagesAndTheCountKeepsEveryOne() {
        Publisher alwaysFailing = (topic, messages) -> {
            throw new KincirException("dead-letter topic is full");
        };
        ListenerContainer container = start(listener("orders", message -> {
            throw new IllegalStateException("fails");
        }).retryPolicy(RetryPolicy.noRetries()).publisher(alwaysFailing).deadLetterAttempts(1));

        for (int i = 0; i < ParkedMessages.CAPACITY + 5; i++) {
            publish("orders", "order-" + i);
        }

        await().atMost(WAIT).until(() -> container.state().parked() == ParkedMessages.CAPACITY + 5);
        assertThat(container.parked()).hasSize(ParkedMessages.CAPACITY).first()
                .satisfies(oldest -> assertThat(oldest.message().payloadAsString()).isEqualTo("order-5"));
    }

    @Test
    void atMostOnceParksWhatCannotBeDeadLettered() {
        Publisher failing = (topic, messages) -> {
            throw new KincirException("dead-letter topic unavailable");
        };
        AtomicInteger calls = new AtomicInteger();
        ListenerContainer container = start(listener("orders", message -> {
            calls.incrementAndGet();
            throw new IllegalStateException("fails");
        }).ackMode(AckMode.AT_MOST_ONCE).retryPolicy(RetryPolicy.noRetries()).publisher(failing)
                .recoveryInterval(Duration.ofMillis(10)));

        publish("orders", "a");

        await().atMost(WAIT).until(() -> container.state().parked() == 1);
        container.stop();
        assertThat(calls).as("not delivered again: it was acknowledged before handling").hasValue(1);
        assertThat(container.parked()).extracting(parked -> parked.message().payloadAsString()).containsExactly("a");
        assertThat(broker.healthCheck().queuedMessages()).isZero();
    }

    @Test
    void stoppingDuringABackoffGivesTheMessageBackForTheNextStartWithoutDeadLetteringIt() throws Exception {
        RecordingBackend backend = new RecordingBackend(broker);
        List<String> attempts = new CopyOnWriteArrayList<>();
        AtomicBoolean failing = new AtomicBoolean(true);
        ListenerContainer container = start(ListenerContainer.builder(backend).id("test").topics("orders")
                .group("workers").retryPolicy(RetryPolicy.of(3, Duration.ofHours(1), 1.0, Duration.ofHours(1)))
                .handler(message -> {
                    attempts.add(message.payloadAsString() + "#" + message.metadata(MetadataKeys.ATTEMPT).orElseThrow());
                    if (failing.get()) {
                        throw new IllegalStateException("not yet");
                    }
                }));
        publish("orders", "a");
        await().atMost(WAIT).until(() -> attempts.size() == 1);

        container.stopAsync().get(10, TimeUnit.SECONDS);

        assertThat(attempts).as("no attempt after the stop").containsExactly("a#1");
        assertThat(backend.events()).containsExactly("nack a requeue=true");
        assertThat(deadLetters("orders.dlq", 0)).isEmpty();
        assertThat(container.state().deadLettered()).isZero();

        failing.set(false);
        container.start();
        await().atMost(WAIT).until(() -> attempts.size() == 2);
        assertThat(attempts).containsExactly("a#1", "a#1");
    }

    @Test
    void atMostOnceStoppingDuringABackoffDeadLettersWithoutFurtherAttempts() throws Exception {
        List<String> attempts = new CopyOnWriteArrayList<>();
        ListenerContainer container = start(listener("orders", message -> {
            attempts.add(message.metadata(MetadataKeys.ATTEMPT).orElseThrow());
            throw new IllegalStateException("fails");
        }).ackMode(AckMode.AT_MOST_ONCE).retryPolicy(RetryPolicy.of(3, Duration.ofHours(1), 1.0, Duration.ofHours(1))));
        publish("orders", "a");
        await().atMost(WAIT).until(() -> attempts.size() == 1);

        container.stopAsync().get(10, TimeUnit.SECONDS);

        assertThat(attempts).as("no attempt after the stop").containsExactly("1");
        assertThat(deadLetters("orders.dlq", 1).get(0).metadata()).containsEntry(MetadataKeys.ATTEMPT, "1")
                .containsEntry(MetadataKeys.ERROR, "java.lang.IllegalStateException: fails");
    }

    @Test
    void aHandlerThatOverflowsTheStackIsRetriedThenDeadLetteredAndTheConsumerLivesOn() throws Exception {
        List<String> handled = new CopyOnWriteArrayList<>();
        ListenerContainer container = start(listener("orders", message -> {
            if (message.payloadAsString().equals("deep")) {
                recurse(0);
            }
            handled.add(message.payloadAsString());
        }));

        publish("orders", "deep", "next");

        Message deadLetter = deadLetters("orders.dlq", 1).get(0);
        await().atMost(WAIT).until(() -> handled.contains("next"));
        assertThat(deadLetter.metadata()).containsEntry(MetadataKeys.ERROR, "java.lang.StackOverflowError")
                .containsEntry(MetadataKeys.ATTEMPT, "3");
        ListenerState state = container.state();
        assertThat(state.consumers()).isEqualTo(1);
        assertThat(state.missingConsumers()).isZero();
        assertThat(state.handlerErrors()).isEqualTo(3);
    }

    @Test
    void anOutOfMemoryErrorIsDeadLetteredWithoutRetriesAndTheConsumerLivesOn() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<String> handled = new CopyOnWriteArrayList<>();
        ListenerContainer container = start(listener("orders", message -> {
            if (message.payloadAsString().equals("huge")) {
                calls.incrementAndGet();
                throw new OutOfMemoryError("Java heap space");
            }
            handled.add(message.payloadAsString());
        }));

        publish("orders", "huge", "next");

        Message deadLetter = deadLetters("orders.dlq", 1).get(0);
        await().atMost(WAIT).until(() -> handled.contains("next"));
        assertThat(calls).hasValue(1);
        assertThat(deadLetter.metadata()).containsEntry(MetadataKeys.ERROR, "java.lang.OutOfMemoryError: Java heap space")
                .containsEntry(MetadataKeys.ATTEMPT, "1");
        assertThat(container.state().consumers()).isEqualTo(1);
        assertThat(container.state().handlerErrors()).isEqualTo(1);
    }

    @Test
    void aConsumerThatFailsOutsideTheHandlerStartsOverAndItsMessageComesBack() {
        AtomicInteger received = new AtomicInteger();
        ListenerObserver failingOnce = new ListenerObserver() {
            @Override
            public void received(ListenerTopic topic) {
                if (received.incrementAndGet() == 1) {
                    throw new AssertionError("a broken observer");
                }
            }
        };
        List<String> handled = new CopyOnWriteArrayList<>();
        ListenerContainer container = start(listener("orders", message -> handled.add(message.payloadAsString()))
                .observer(failingOnce).recoveryInterval(Duration.ofMillis(10)));

        publish("orders", "a");

        await().atMost(WAIT).until(() -> handled.size() == 1);
        ListenerState state = container.state();
        assertThat(handled).containsExactly("a");
        assertThat(state.consumers()).isEqualTo(1);
        assertThat(state.consumerRestarts()).isEqualTo(1);
        assertThat(state.lastError()).contains("a broken observer");
    }

    @Test
    void anObserverHearsEveryAttemptTimedOverTheHandlersRun() {
        record Attempt(Duration duration, Throwable failure) {
        }
        List<Attempt> attempts = new CopyOnWriteArrayList<>();
        ListenerObserver observer = new ListenerObserver() {
            @Override
            public void attempted(ListenerTopic topic, Duration duration, Throwable failure) {
                attempts.add(new Attempt(duration, failure));
            }
        };
        AtomicInteger calls = new AtomicInteger();
        start(listener("orders", message -> {
            // The handler runs at least a millisecond by the clock, so a duration that times it is as long.
            long start = System.nanoTime();
            await().atMost(WAIT).pollDelay(Duration.ZERO).until(() -> System.nanoTime() - start >= 1_000_000);
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("first attempt fails");
            }
        }).observer(observer));

        publish("orders", "a");

        await().atMost(WAIT).until(() -> attempts.size() == 2);
        assertThat(attempts).allSatisfy(attempt -> assertThat(attempt.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(1)));
        assertThat(attempts.get(0).failure()).hasMessage("first attempt fails");
        assertThat(attempts.get(1).failure()).isNull();
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    @Test
    void aDeadLetterNeitherExpiresNorWaitsNorOvertakes() throws Exception {
        start(listener("orders", message -> {
            throw new IllegalStateException("fails");
        }).retryPolicy(RetryPolicy.noRetries()));

        broker.publisher().publish("orders", Message.of("o").withMetadata(MetadataKeys.TTL, "PT1H")
                .withMetadata(MetadataKeys.PRIORITY, "5").withMetadata("customer", "Alice"));

        assertThat(deadLetters("orders.dlq", 1).get(0).metadata()).containsEntry("customer", "Alice")
                .doesNotContainKeys(MetadataKeys.TTL, MetadataKeys.DELAY, MetadataKeys.PRIORITY);
    }

    @Test
    void withDeadLetteringOffAFailedMessageIsDroppedAndCounted() {
        AtomicInteger calls = new AtomicInteger();
        start(listener("orders", message -> {
            calls.incrementAndGet();
            throw new IllegalStateException("fails");
        }).deadLetterTopic(""));

        publish("orders", "a");

        await().atMost(WAIT).until(() -> broker.healthCheck().droppedMessages() == 1);
        assertThat(calls).hasValue(3);
        assertThat(broker.listTopicInfo()).extracting(info -> info.name()).doesNotContain("orders.dlq");
    }

    @Test
    void anExplicitDeadLetterTopicServesEveryTopic() throws Exception {
        start(listener("orders", message -> {
            throw new IllegalStateException("fails");
        }).topics("orders", "refunds").deadLetterTopic("failures").retryPolicy(RetryPolicy.noRetries()));

        publish("orders", "o");
        publish("refunds", "r");

        assertThat(deadLetters("failures", 2)).extracting(message -> message.metadata(MetadataKeys.ORIGINAL_TOPIC)
                .orElseThrow()).containsExactlyInAnyOrder("orders", "refunds");
    }

    @Test
    void concurrentConsumersOfOneGroupHandleMessagesInParallel() throws Exception {
        CountDownLatch allInFlight = new CountDownLatch(3);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        start(listener("orders", message -> {
            threads.add(Thread.currentThread().getName());
            allInFlight.countDown();
            if (!allInFlight.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("three messages were never handled at the same time");
            }
        }).concurrency(3));

        publish("orders", "a", "b", "c");

        assertThat(allInFlight.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(threads).hasSize(3);
    }

    @Test
    void twoGroupsOnOneTopicEachGetEveryMessage() {
        List<String> billing = new CopyOnWriteArrayList<>();
        List<String> shipping = new CopyOnWriteArrayList<>();
        start(listener("orders", message -> billing.add(message.payloadAsString())).id("billing").group("billing"));
        start(listener("orders", message -> shipping.add(message.payloadAsString())).id("shipping").group("shipping"));

        publish("orders", "a", "b");

        await().atMost(WAIT).until(() -> billing.size() == 2 && shipping.size() == 2);
        assertThat(billing).containsExactly("a", "b");
        assertThat(shipping).containsExactly("a", "b");
    }

    @Test
    void aGracefulStopLetsTheHandlerInFlightFinishAndAcknowledge() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> handled = new CopyOnWriteArrayList<>();
        ListenerContainer container = start(listener("orders", message -> {
            started.countDown();
            release.await();
            handled.add(message.payloadAsString());
        }));
        publish("orders", "a");
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        var stopping = container.stopAsync();
        assertThat(container.isRunning()).isFalse();
        assertThat(stopping).isNotDone();
        release.countDown();
        stopping.get(10, TimeUnit.SECONDS);

        assertThat(handled).containsExactly("a");
        assertThat(container.state().consumers()).isZero();
        assertThat(broker.healthCheck().queuedMessages()).as("acknowledged, not returned to the group").isZero();
    }

    @Test
    void aStoppedContainerStartsAgainAndGetsWhatWasPublishedMeanwhile() {
        List<String> handled = new CopyOnWriteArrayList<>();
        ListenerContainer container = start(listener("orders", message -> handled.add(message.payloadAsString())));
        container.stop();

        publish("orders", "while stopped");
        container.start();

        await().atMost(WAIT).until(() -> handled.size() == 1);
        assertThat(handled).containsExactly("while stopped");
        assertThat(container.state().running()).isTrue();
        assertThat(container.state().consumers()).isEqualTo(1);
    }

    @Test
    void stopDoesNotWaitForThePollTimeout() throws Exception {
        ListenerContainer container = listener("orders", message -> { }).pollTimeout(Duration.ofHours(1)).build();
        containers.add(container);
        container.start();
        Thread consumer = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("kincir-test-0-0")).findFirst().orElseThrow();
        await().atMost(WAIT).until(() -> consumer.getState() == Thread.State.TIMED_WAITING);

        container.stopAsync().get(10, TimeUnit.SECONDS);

        assertThat(container.state().consumers()).isZero();
    }

    @Test
    void aHandlerStillBusyAfterTheShutdownTimeoutIsInterrupted() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        ListenerContainer container = start(listener("orders", message -> {
            started.countDown();
            new CountDownLatch(1).await();
        }).shutdownTimeout(Duration.ofMillis(100)).retryPolicy(RetryPolicy.noRetries()));
        publish("orders", "stuck");
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        container.stopAsync().get(10, TimeUnit.SECONDS);

        assertThat(deadLetters("orders.dlq", 1).get(0).metadata().get(MetadataKeys.ERROR))
                .startsWith("java.lang.InterruptedException");
    }

    @Test
    void aFailedStartNamesTheListenerTopicAndGroupAndClosesWhatItOpened() {
        InMemoryBroker limited = new InMemoryBroker(InMemoryConfig.defaults().withMaxSubscribersPerTopic(1));
        try {
            ListenerContainer container = ListenerContainer.builder(limited).id("billing").topics("orders")
                    .group("workers").handler(message -> { }).concurrency(2).build();

            assertThatThrownBy(container::start).isInstanceOf(KincirException.class)
                    .hasMessageContaining("Listener 'billing' could not subscribe to topic 'orders' in group 'workers'");
            assertThat(limited.listTopicInfo()).allSatisfy(info -> assertThat(info.subscribers()).isZero());
            assertThat(container.isRunning()).isFalse();
        } finally {
            limited.close();
        }
    }

    @Test
    void aListenerWhoseNamesBreakTheSharedRulesFailsToStartNamingTheNameAndRule() {
        ListenerContainer reservedGroup = ListenerContainer.builder(broker).topics("orders").group("billing.rejected")
                .handler(m -> { }).build();
        assertThatThrownBy(reservedGroup::start).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The group name 'billing.rejected'").hasMessageContaining("the part 'rejected'");
        assertThat(reservedGroup.isRunning()).isFalse();

        String topic = "t".repeat(Names.MAX_LENGTH - 2);
        ListenerContainer longTopic = ListenerContainer.builder(broker).topics(topic).group("billing")
                .handler(m -> { }).build();
        assertThatThrownBy(longTopic::start).hasMessageContaining("dead letters of topic '" + topic + ".dlq'")
                .hasMessageContaining("is 66 characters, and names are at most " + Names.MAX_LENGTH);
        assertThat(longTopic.isRunning()).isFalse();
    }

    @Test
    void theBuilderNamesWhatIsMissingOrOutOfRange() {
        assertThatThrownBy(() -> ListenerContainer.builder(broker).group("g").handler(m -> { }).build())
                .hasMessageContaining("at least one topic");
        assertThatThrownBy(() -> ListenerContainer.builder(broker).topics("t").handler(m -> { }).build())
                .hasMessageContaining("group must not be blank");
        assertThatThrownBy(() -> ListenerContainer.builder(broker).topics("t").group("g").handler(m -> { })
                .concurrency(0).build()).hasMessageContaining("concurrency must be at least 1, was 0");
        assertThatThrownBy(() -> ListenerContainer.builder(broker).topics("t").group("g").handler(m -> { })
                .pollTimeout(Duration.ZERO).build()).hasMessageContaining("pollTimeout must be positive");
        assertThatThrownBy(() -> ListenerContainer.builder(broker).topics("t").group("g").handler(m -> { })
                .deadLetterAttempts(0).build()).hasMessageContaining("deadLetterAttempts must be at least 1, was 0");
    }

    // ---- Batch handlers: up to batchSize messages at once, acknowledged as one ----

    private ListenerContainerBuilder batchListener(int batchSize, Duration batchTimeout) {
        return ListenerContainer.builder(broker).id("test").topics("orders").group("workers").retryPolicy(FAST)
                .batchSize(batchSize).batchTimeout(batchTimeout);
    }

    /** Publishes the messages in one call, so that they are all waiting when the consumer receives. */
    private List<Message> publishAtOnce(int count) {
        List<Message> messages = IntStream.rangeClosed(1, count).mapToObj(i -> Message.of("m" + i)).toList();
        broker.publisher().publish("orders", messages);
        return messages;
    }

    @Test
    void batchesHoldAtMostTheBatchSizeAndEveryMessageOnce() {
        List<List<String>> batches = new CopyOnWriteArrayList<>();
        ListenerContainer container = start(batchListener(10, Duration.ofSeconds(1)).batchHandler(
                batch -> batches.add(batch.stream().map(Message::payloadAsString).toList())));

        List<Message> sent = publishAtOnce(25);

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
        start(batchListener(100, Duration.ofMillis(50)).batchHandler(batch -> sizes.add(batch.size())));

        publishAtOnce(3);

        await().atMost(WAIT).until(() -> sizes.stream().mapToInt(Integer::intValue).sum() == 3);
        assertThat(sizes).containsExactly(3);
    }

    @Test
    void eachMessageOfTheBatchCarriesTheBatchsAttempt() {
        List<String> seen = new CopyOnWriteArrayList<>();
        start(batchListener(10, WAIT.dividedBy(10)).batchHandler(batch -> {
            batch.forEach(message -> seen.add(message.payloadAsString() + "#"
                    + message.metadata(MetadataKeys.ATTEMPT).orElseThrow()));
            if (seen.size() <= 2) {
                throw new IllegalStateException("first attempt fails");
            }
        }));

        publishAtOnce(2);

        await().atMost(WAIT).until(() -> seen.size() == 4);
        assertThat(seen).containsExactly("m1#1", "m2#1", "m1#2", "m2#2");
    }

    @Test
    void aBatchThatFailsEveryAttemptIsRetriedWholeThenEachMessageDeadLetteredOnce() throws Exception {
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        ListenerContainer container = start(batchListener(5, WAIT).batchHandler(batch -> {
            attempts.add(batch.size());
            throw new IllegalStateException("warehouse down");
        }));

        List<Message> sent = publishAtOnce(5);

        List<Message> deadLetters = deadLetters("orders.dlq", 5);
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
    void aBatchThatFailsWithANotRetryableTypeIsDeadLetteredAfterOneAttempt() throws Exception {
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        ListenerContainer container = start(batchListener(5, WAIT).batchHandler(batch -> {
            attempts.add(batch.size());
            throw new IllegalArgumentException("no such warehouse");
        }).retryPolicy(FAST.withNotRetryable(List.of(IllegalArgumentException.class))));

        publishAtOnce(5);

        List<Message> deadLetters = deadLetters("orders.dlq", 5);
        assertThat(attempts).as("one attempt at the whole batch").containsExactly(5);
        assertThat(deadLetters).allSatisfy(deadLetter -> assertThat(deadLetter.metadata())
                .containsEntry(MetadataKeys.ATTEMPT, "1"));
        assertThat(container.state().deadLettered()).isEqualTo(5);
    }

    @Test
    void aMessageThatCannotBeConvertedIsDeadLetteredAloneAndTheRestOfTheBatchIsHandled() throws Exception {
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        ListenerContainer container = start(batchListener(10, WAIT.dividedBy(10)).batchHandler(message -> {
            String text = message.payloadAsString();
            if (text.equals("m3")) {
                throw new MessageConversionException("Cannot read m3 as a number", null);
            }
            return Integer.parseInt(text.substring(1));
        }, batches::add));

        List<Message> sent = publishAtOnce(5);

        Message deadLetter = deadLetters("orders.dlq", 1).get(0);
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
        publishAtOnce(2);
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
        assertThatThrownBy(() -> batchListener(10, WAIT).handler(message -> { }).batchHandler(batch -> { }).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> batchListener(10, WAIT).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs either a handler or a batch handler");
        assertThatThrownBy(() -> batchListener(0, WAIT).batchHandler(batch -> { }).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchSize must be at least 1");
        assertThatThrownBy(() -> batchListener(10, Duration.ZERO).batchHandler(batch -> { }).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchTimeout");
    }
}

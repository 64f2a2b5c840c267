package io.kincir.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kincir.Backend;
import io.kincir.BrokerShutdownException;
import io.kincir.KincirException;
import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.PublishException;
import io.kincir.Subscriber;
import io.kincir.conformance.MetadataConformance;
import io.kincir.listener.ListenerState;
import io.kincir.spi.MetadataLimits;
import io.kincir.spring.health.KincirHealthIndicator;
import io.kincir.spring.boot.autoconfigure.KincirPublisherDecorator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Headers;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Component;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code @KincirListener} and {@link KincirTemplate} promise, on whatever backend the subclass
 * configures: a subclass only supplies properties ({@code kincir.backend} and the backend's
 * connection), for instance with {@code @TestPropertySource} or {@code @DynamicPropertySource}, so
 * the Kafka and RabbitMQ backends run the same tests.
 *
 * <p>Every test uses topics of its own under a prefix unique to the run ({@code test.run}), since
 * a real server keeps topics and groups between test classes.
 */
@SpringBootTest(classes = KincirListenerContractTests.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
        "spring.application.name=contract",
        "kincir.listener.backoff.initial=5ms",
        "kincir.listener.backoff.max=20ms",
        "kincir.listener.poll-timeout=200ms",
        "kincir.listener.recovery-interval=50ms",
        "kincir.listener.retry.not-retryable=io.kincir.spring.KincirListenerContractTests$RefusedByDefault",
        "kincir.reply.allowed-topics=kincir.replies.*,${test.run}.allowed-replies.*"})
public abstract class KincirListenerContractTests {

    /** A prefix for this run's topics. */
    static final String RUN = "kincir-test-" + UUID.randomUUID().toString().substring(0, 8);

    /** How long a test waits for something that must happen. */
    protected static final Duration WAIT = Duration.ofSeconds(20);

    /** How long a test waits to see that something does not happen: the only wait not on a condition. */
    protected static final Duration QUIET = Duration.ofMillis(500);

    @DynamicPropertySource
    static void run(DynamicPropertyRegistry registry) {
        registry.add("test.run", () -> RUN);
    }

    @Autowired
    protected KincirTemplate template;

    @Autowired
    protected KincirListenerRegistry registry;

    @Autowired
    protected Backend backend;

    @Autowired
    protected Probe probe;

    @Autowired
    protected KincirHealthIndicator health;

    /** A JSON payload. */
    public record Order(String id, int quantity) {
    }

    /** A JSON reply. */
    public record Quote(String orderId, int price) {
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({Listeners.class, MessagingAnnotationListeners.class, RetryClassificationListeners.class,
            BatchListeners.class})
    static class App {

        @Bean
        Probe probe() {
            return new Probe();
        }

        /** Fails the first publish to a topic ending in {@code flaky-dlq}: a dead-letter topic that is down once. */
        @Bean
        KincirPublisherDecorator flakyDeadLetters() {
            Set<String> failedOnce = ConcurrentHashMap.newKeySet();
            return publisher -> (topic, messages) -> {
                if (topic.endsWith("flaky-dlq") && failedOnce.add(topic)) {
                    throw new KincirException("dead-letter topic " + topic + " is down (test)");
                }
                publisher.publish(topic, messages);
            };
        }

        /**
         * Fails the first publish to a topic ending in {@code flaky-reply} and every publish to one ending in
         * {@code down-reply}: reply topics that are down once, and for good.
         */
        @Bean
        KincirPublisherDecorator flakyReplies() {
            Set<String> failedOnce = ConcurrentHashMap.newKeySet();
            return publisher -> (topic, messages) -> {
                if (topic.endsWith("down-reply") || topic.endsWith("flaky-reply") && failedOnce.add(topic)) {
                    throw new KincirException("reply topic " + topic + " is down (test)");
                }
                publisher.publish(topic, messages);
            };
        }

        /** Holds every publish to a topic ending in {@code .stuck} until the probe's gate opens. */
        @Bean
        KincirPublisherDecorator stuckPublishes(Probe probe) {
            return publisher -> (topic, messages) -> {
                if (topic.endsWith(".stuck")) {
                    probe.pass(probe.stuckPublishes);
                }
                publisher.publish(topic, messages);
            };
        }
    }

    /** What the listeners saw, by name. */
    public static final class Probe {

        private final Map<String, List<Object>> seen = new ConcurrentHashMap<>();

        /** Opened by a test to let the slow quote listener reply. */
        final CountDownLatch slowQuotes = new CountDownLatch(1);

        /** Opened by a test to let publishes to {@code *.stuck} topics through. */
        final CountDownLatch stuckPublishes = new CountDownLatch(1);

        /** Waits until the gate opens, for at most {@link #WAIT}. */
        void pass(CountDownLatch gate) {
            try {
                if (!gate.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("the test never opened the gate");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted at the gate", e);
            }
        }

        void add(String name, Object value) {
            seen.computeIfAbsent(name, key -> new CopyOnWriteArrayList<>()).add(value);
        }

        public List<Object> seen(String name) {
            return seen.getOrDefault(name, List.of());
        }

        public List<Object> await(String name, int count) {
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> seen(name).size() >= count);
            return seen(name);
        }
    }

    @Component
    static class Listeners {

        private final Probe probe;
        final CountDownLatch threeInFlight = new CountDownLatch(3);

        Listeners(Probe probe) {
            this.probe = probe;
        }

        @KincirListener(id = "strings", topics = "${test.run}.strings")
        void strings(String text) {
            probe.add("strings", text);
        }

        @KincirListener(id = "bytes", topics = "${test.run}.bytes")
        void bytes(byte[] payload) {
            probe.add("bytes", payload);
        }

        @KincirListener(id = "json", topics = "${test.run}.json")
        void json(Order order) {
            probe.add("json", order);
        }

        @KincirListener(id = "convert", topics = "${test.run}.convert")
        void convert(Order order) {
            probe.add("convert", order);
        }

        @KincirListener(id = "convertSecret", topics = "${test.run}.convert-secret")
        void convertSecret(Order order) {
            probe.add("convertSecret", order);
        }

        @KincirListener(id = "jsonList", topics = "${test.run}.json-list")
        void jsonList(List<Order> orders) {
            probe.add("jsonList", orders);
        }

        @KincirListener(id = "everything", topics = "${test.run}.everything")
        void everything(@Metadata("customer") String customer, Message message, Order order,
                Map<String, String> metadata, @Metadata("missing") String missing) {
            probe.add("everything", List.of(customer, message, order, metadata, Optional.ofNullable(missing)));
        }

        @KincirListener(id = "noArguments", topics = "${test.run}.no-arguments")
        void noArguments() {
            probe.add("noArguments", "called");
        }

        @KincirListener(id = "billing", topics = "${test.run}.fan-out")
        void billing(String text) {
            probe.add("billing", text);
        }

        @KincirListener(id = "shipping", topics = "${test.run}.fan-out")
        void shipping(String text) {
            probe.add("shipping", text);
        }

        @KincirListener(id = "parallel", topics = "${test.run}.parallel", concurrency = "3", maxAttempts = "1")
        void parallel(String text) throws InterruptedException {
            probe.add("parallel", Thread.currentThread().getName());
            threeInFlight.countDown();
            if (!threeInFlight.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("three messages were never handled at the same time");
            }
        }

        @KincirListener(id = "alwaysFails", topics = "${test.run}.always-fails", maxAttempts = "3")
        void alwaysFails(String text, @Metadata(MetadataKeys.ATTEMPT) String attempt) {
            probe.add("alwaysFails", attempt);
            throw new IllegalStateException("payment service down for " + text);
        }

        @KincirListener(id = "succeedsSecondTime", topics = "${test.run}.second-time", maxAttempts = "3")
        void succeedsSecondTime(String text, @Metadata(MetadataKeys.ATTEMPT) String attempt) {
            probe.add("succeedsSecondTime", attempt);
            if (attempt.equals("1")) {
                throw new IllegalStateException("transient");
            }
        }

        @KincirListener(id = "counted", topics = "${test.run}.counted", concurrency = "2", maxAttempts = "2")
        void counted(String number) {
            if (Integer.parseInt(number) % 5 == 0) {
                throw new IllegalArgumentException("order " + number + " is invalid");
            }
            probe.add("counted", number);
        }

        @KincirListener(id = "atLeastOnce", topics = "${test.run}.at-least-once", maxAttempts = "1",
                deadLetterTopic = "${test.run}.at-least-once.flaky-dlq")
        void atLeastOnce(String text) {
            probe.add("atLeastOnce", text);
            if (probe.seen("atLeastOnce").size() == 1) {
                throw new IllegalStateException("first delivery fails");
            }
        }

        @KincirListener(id = "atMostOnce", topics = "${test.run}.at-most-once", ackMode = "AT_MOST_ONCE",
                maxAttempts = "1", deadLetterTopic = "${test.run}.at-most-once.flaky-dlq")
        void atMostOnce(String text) {
            probe.add("atMostOnce", text);
            if (probe.seen("atMostOnce").size() == 1) {
                throw new IllegalStateException("first delivery fails");
            }
        }

        @KincirListener(id = "shout", topics = "${test.run}.shout")
        @SendTo("${test.run}.shouted")
        String shout(String text) {
            return text.toUpperCase();
        }

        @KincirListener(id = "shouted", topics = "${test.run}.shouted")
        void shouted(String text, @Metadata(MetadataKeys.CORRELATION_ID) String correlationId) {
            probe.add("shouted", text);
        }

        @KincirListener(id = "quotes", topics = "${test.run}.quotes")
        Quote quote(Order order) {
            probe.add("quotes", order);
            return new Quote(order.id(), order.quantity() * 10);
        }

        @KincirListener(id = "poison", topics = "${test.run}.poison")
        void poison(Order order, Message message) {
            probe.add("poison", message.uuid());
        }

        @KincirListener(id = "slowQuotes", topics = "${test.run}.slow-quotes")
        Quote slowQuote(Order order) {
            probe.add("slowQuotes", order);
            probe.pass(probe.slowQuotes);
            return new Quote(order.id(), order.quantity() * 10);
        }

        @KincirListener(id = "silent", topics = "${test.run}.silent")
        void silent(String text) {
            probe.add("silent", text);
        }

        @KincirListener(id = "flakyReply", topics = "${test.run}.flaky-reply-requests", maxAttempts = "3")
        @SendTo("${test.run}.flaky-reply")
        String flakyReply(String text) {
            probe.add("flakyReply", text);
            return text.toUpperCase();
        }

        @KincirListener(id = "downReply", topics = "${test.run}.down-reply-requests", maxAttempts = "3")
        @SendTo("${test.run}.down-reply")
        String downReply(String text) {
            probe.add("downReply", text);
            return text.toUpperCase();
        }

        @KincirListener(id = "manual", topics = "${test.run}.manual", autoStartup = "false")
        void manual(String text) {
            probe.add("manual", text);
        }
    }

    /** @return the topic named {@code name} in this run */
    protected static String topic(String name) {
        return RUN + "." + name;
    }

    /** Reads the dead letters of a topic from the group that keeps them; fails unless exactly {@code count} are there. */
    protected List<Message> deadLetters(String deadLetterTopic, int count) throws InterruptedException {
        List<Message> received = new ArrayList<>();
        try (Subscriber subscriber = backend.subscriber("kincir-dead-letters")) {
            subscriber.subscribe(deadLetterTopic);
            while (received.size() < count) {
                Optional<Message> next = subscriber.receive(WAIT);
                assertThat(next).as("dead letter %d of %d on %s", received.size() + 1, count, deadLetterTopic)
                        .isPresent();
                received.add(next.get());
            }
            assertThat(subscriber.receive(QUIET)).as("a dead letter too many on " + deadLetterTopic).isEmpty();
        }
        return received;
    }

    @Test
    void aStringPayloadArrivesAsText() {
        template.send(topic("strings"), "héllo");

        assertThat(probe.await("strings", 1)).containsExactly("héllo");
    }

    @Test
    void aByteArrayPayloadArrivesAsItWasSent() {
        template.send(topic("bytes"), new byte[] {0, 1, 2, (byte) 255});

        assertThat(probe.await("bytes", 1)).singleElement().isEqualTo(new byte[] {0, 1, 2, (byte) 255});
    }

    @Test
    void anObjectTravelsAsJson() {
        Message sent = template.send(topic("json"), new Order("42", 3));

        assertThat(sent.metadata()).containsEntry(MetadataKeys.CONTENT_TYPE, "application/json");
        assertThat(sent.payloadAsString()).isEqualTo("{\"id\":\"42\",\"quantity\":3}");
        assertThat(probe.await("json", 1)).containsExactly(new Order("42", 3));
    }

    @Test
    void aGenericTypeIsReadWithItsTypeArguments() {
        template.send(topic("json-list"), List.of(new Order("1", 1), new Order("2", 2)));

        assertThat(probe.await("jsonList", 1)).containsExactly(List.of(new Order("1", 1), new Order("2", 2)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyKindOfArgumentIsBound() {
        Message sent = template.send(topic("everything"), new Order("7", 1), Map.of("customer", "Alice"));

        List<Object> arguments = (List<Object>) probe.await("everything", 1).get(0);
        assertThat(arguments.get(0)).isEqualTo("Alice");
        Message message = (Message) arguments.get(1);
        assertThat(message.uuid()).isEqualTo(sent.uuid());
        assertThat(message.metadata()).containsEntry(MetadataKeys.ATTEMPT, "1");
        assertThat(arguments.get(2)).isEqualTo(new Order("7", 1));
        assertThat((Map<String, String>) arguments.get(3)).containsEntry("customer", "Alice")
                .containsEntry(MetadataKeys.CONTENT_TYPE, "application/json").containsEntry(MetadataKeys.ATTEMPT, "1");
        assertThat(arguments.get(4)).as("an absent @Metadata key is null").isEqualTo(Optional.empty());
    }

    @Test
    void aMethodWithoutParametersIsCalledForEachMessage() {
        template.send(topic("no-arguments"), "ping");

        assertThat(probe.await("noArguments", 1)).containsExactly("called");
    }

    @Test
    void twoListenersOnOneTopicEachGetEveryMessage() {
        for (int i = 0; i < 5; i++) {
            template.send(topic("fan-out"), "order-" + i);
        }

        assertThat(probe.await("billing", 5)).hasSize(5).doesNotHaveDuplicates();
        assertThat(probe.await("shipping", 5)).hasSize(5).doesNotHaveDuplicates();
        assertThat(registry.container("billing").group()).isEqualTo("contract.billing");
        assertThat(registry.container("shipping").group()).isEqualTo("contract.shipping");
    }

    @Test
    void concurrentConsumersOfOneGroupHandleMessagesAtTheSameTime() {
        for (int i = 0; i < 3; i++) {
            template.send(topic("parallel"), "order-" + i);
        }

        assertThat(probe.await("parallel", 3)).as("consumer threads").doesNotHaveDuplicates();
        assertThat(registry.container("parallel").state().consumers()).isEqualTo(3);
    }

    @Test
    void aFailingMessageIsRetriedThenDeadLettered() throws Exception {
        Message sent = template.send(topic("always-fails"), "order-1", Map.of("customer", "Bob"));

        List<Message> deadLetters = deadLetters(topic("always-fails") + ".dlq", 1);
        assertThat(probe.seen("alwaysFails")).containsExactly("1", "2", "3");
        Message deadLetter = deadLetters.get(0);
        assertThat(deadLetter.uuid()).isEqualTo(sent.uuid());
        assertThat(deadLetter.payloadAsString()).isEqualTo("order-1");
        assertThat(deadLetter.metadata()).containsEntry("customer", "Bob")
                .containsEntry(MetadataKeys.ERROR, "java.lang.IllegalStateException: payment service down for order-1")
                .containsEntry(MetadataKeys.ORIGINAL_TOPIC, topic("always-fails"))
                .containsEntry(MetadataKeys.ATTEMPT, "3");
        ListenerState state = registry.container("alwaysFails").state();
        assertThat(state.deadLettered()).isEqualTo(1);
        assertThat(state.lastError()).contains("payment service down");
    }

    @Test
    void aMessageThatSucceedsOnARetryIsNotDeadLettered() throws Exception {
        template.send(topic("second-time"), "order-1");

        assertThat(probe.await("succeedsSecondTime", 2)).containsExactly("1", "2");
        await().atMost(WAIT).until(() -> registry.container("succeedsSecondTime").state().handled() == 1);
        deadLetters(topic("second-time") + ".dlq", 0);
    }

    @Test
    void aPayloadThatCannotBeConvertedIsDeadLetteredWithoutRetries() throws Exception {
        Message sent = template.send(topic("convert"), "this is not JSON");

        Message deadLetter = deadLetters(topic("convert") + ".dlq", 1).get(0);
        assertThat(deadLetter.uuid()).isEqualTo(sent.uuid());
        assertThat(deadLetter.metadata().get(MetadataKeys.ERROR)).startsWith("io.kincir.MessageConversionException: "
                + "Cannot read the payload of message " + sent.uuid()).contains("as JSON for " + Order.class.getName());
        assertThat(deadLetter.metadata()).containsEntry(MetadataKeys.ATTEMPT, "1");
        assertThat(probe.seen("convert")).as("the method was never called").isEmpty();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aPayloadThatCannotBeConvertedIsNotQuotedInTheErrorTheHealthOrTheLog(CapturedOutput output) throws Exception {
        String secret = "card-" + UUID.randomUUID();
        template.send(topic("convert-secret"), "{\"id\":\"42\",\"quantity\":\"" + secret + "\"}");

        Message deadLetter = deadLetters(topic("convert-secret") + ".dlq", 1).get(0);
        assertThat(deadLetter.payloadAsString()).as("the dead letter keeps the payload").contains(secret);
        assertThat(deadLetter.metadata().get(MetadataKeys.ERROR)).contains("as JSON for " + Order.class.getName())
                .contains("quantity").doesNotContain(secret);
        assertThat(registry.container("convertSecret").state().lastError()).contains("quantity").doesNotContain(secret);
        assertThat(output.getAll()).doesNotContain(secret);
    }

    @Test
    void everyMessageIsEitherHandledOrDeadLettered() throws Exception {
        int count = 100;
        for (int i = 1; i <= count; i++) {
            template.send(topic("counted"), Integer.toString(i));
        }

        List<Object> handled = probe.await("counted", 80);
        List<Message> deadLetters = deadLetters(topic("counted") + ".dlq", 20);
        assertThat(handled).hasSize(80).doesNotHaveDuplicates();
        Set<String> all = new HashSet<>();
        handled.forEach(number -> all.add((String) number));
        deadLetters.forEach(message -> all.add(message.payloadAsString()));
        assertThat(all).hasSize(count);
        assertThat(handled.size() + deadLetters.size()).isEqualTo(count);
    }

    @Test
    void aDeadLetterThatCouldNotBePublishedIsTriedAgainWithoutHandlingTheMessageAgain() {
        template.send(topic("at-least-once"), "order-1");

        await().atMost(WAIT).until(() -> registry.container("atLeastOnce").state().deadLettered() == 1);
        assertThat(registry.container("atLeastOnce").state().lastError()).contains("flaky-dlq is down");
        assertThat(registry.container("atLeastOnce").state().parked()).isZero();
        assertThat(probe.seen("atLeastOnce")).as("the handler's side effects are not repeated")
                .containsExactly("order-1");
    }

    @Test
    void atMostOnceNeverDeliversAMessageTwice() throws Exception {
        template.send(topic("at-most-once"), "order-1");

        await().atMost(WAIT).until(() -> String.valueOf(registry.container("atMostOnce").state().lastError())
                .contains("flaky-dlq is down"));
        Thread.sleep(QUIET.toMillis());
        assertThat(probe.seen("atMostOnce")).as("acknowledged before handling: not delivered again")
                .containsExactly("order-1");
    }

    @Test
    void aReturnValueIsPublishedToTheSendToTopic() {
        template.send(topic("shout"), "hello");

        assertThat(probe.await("shouted", 1)).containsExactly("HELLO");
    }

    @Test
    void aRequestsReplyToTakesPrecedenceOverSendTo() {
        assertThat(template.sendAndReceive(topic("shout"), "hey", String.class, WAIT)).isEqualTo("HEY");
    }

    @Test
    void requestAndResponse() {
        Quote quote = template.sendAndReceive(topic("quotes"), new Order("42", 3), Quote.class, WAIT);

        assertThat(quote).isEqualTo(new Quote("42", 30));
    }

    @Test
    void concurrentRequestsEachGetTheirOwnReply() throws Exception {
        List<Thread> callers = new ArrayList<>();
        Map<Integer, Quote> replies = new ConcurrentHashMap<>();
        for (int i = 1; i <= 8; i++) {
            int quantity = i;
            callers.add(new Thread(() -> replies.put(quantity,
                    template.sendAndReceive(topic("quotes"), new Order("o" + quantity, quantity), Quote.class, WAIT))));
        }
        callers.forEach(Thread::start);
        for (Thread caller : callers) {
            caller.join(WAIT.toMillis());
        }

        assertThat(replies).hasSize(8);
        replies.forEach((quantity, quote) -> assertThat(quote).isEqualTo(new Quote("o" + quantity, quantity * 10)));
    }

    @Test
    void aRequestNobodyAnswersTimesOutNamingTheTopicAndTimeout() {
        assertThatThrownBy(() -> template.sendAndReceive(topic("nobody-listens"), "hello?", String.class,
                Duration.ofMillis(300)))
                .isInstanceOf(ReplyTimeoutException.class)
                .hasMessageContaining("'" + topic("nobody-listens") + "'").hasMessageContaining("PT0.3S");
    }

    @Test
    void aListenerThatDoesNotStartAutomaticallyStartsAndStopsThroughTheRegistry() {
        assertThat(registry.container("manual").isRunning()).isFalse();
        registry.start("manual");
        template.send(topic("manual"), "one");
        assertThat(probe.await("manual", 1)).containsExactly("one");

        registry.stop("manual");
        template.send(topic("manual"), "while stopped");
        registry.start("manual");

        assertThat(probe.await("manual", 2)).containsExactly("one", "while stopped");
        registry.stop("manual");
    }

    @Test
    void theRegistryListsEveryListener() {
        assertThat(registry.listeners()).extracting(ListenerState::id).contains("strings", "everything", "quotes",
                "manual");
        assertThatThrownBy(() -> registry.container("nope")).hasMessageContaining("No @KincirListener has the id 'nope'")
                .hasMessageContaining("strings");
    }


    /**
     * @return the limit a backend names when it refuses a 10 MiB message (its default size limit), or
     *     null if it carries one
     */
    protected String tenMebibyteLimit() {
        return null;
    }

    @Test
    void poisonMessagesAreDeadLetteredOnceEachWhileTheGoodOnesAreHandled() throws Exception {
        String topic = topic("poison");
        Map<String, String> json = Map.of(MetadataKeys.CONTENT_TYPE, "application/json");
        List<String> good = new ArrayList<>();
        Map<String, byte[]> poison = new LinkedHashMap<>();
        int refused = 0;
        good.add(template.send(topic, new Order("good-1", 1)).uuid());
        for (String text : List.of("{\"id\":\"broken\",", "{\"id\":\"x\",\"quantity\":\"many\"}", "[1,2,3]",
                "\"an order\"", "null", "")) {
            poison.put(template.send(topic, text.getBytes(StandardCharsets.UTF_8), json).uuid(),
                    text.getBytes(StandardCharsets.UTF_8));
        }
        good.add(template.send(topic, "{\"id\":\"good-2\",\"quantity\":2,\"unknown\":true}", json).uuid());
        byte[] invalidUtf8 = {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xFF, (byte) 0xFE, '"', '}'};
        poison.put(template.send(topic, invalidUtf8, json).uuid(), invalidUtf8);
        byte[] tenMebibytes = new byte[10 * 1024 * 1024];
        Arrays.fill(tenMebibytes, (byte) 'x');
        System.arraycopy("{\"id\":\"".getBytes(StandardCharsets.US_ASCII), 0, tenMebibytes, 0, 7);
        if (tenMebibyteLimit() == null) {
            poison.put(template.send(topic, tenMebibytes, json).uuid(), tenMebibytes);
        } else {
            assertThatThrownBy(() -> template.send(topic, tenMebibytes, json)).isInstanceOf(PublishException.class)
                    .hasMessageContaining(tenMebibyteLimit()).hasMessageContaining("aise");
            refused++;
        }
        byte[] brokenJson = "{\"id\":".getBytes(StandardCharsets.UTF_8);
        Map<String, String> atTheLimits = MetadataConformance.metadataAtTheLimits();
        poison.put(template.send(topic, brokenJson, atTheLimits).uuid(), brokenJson);
        Map<String, String> tooManyEntries = new HashMap<>(atTheLimits);
        tooManyEntries.remove(tooManyEntries.keySet().iterator().next());
        tooManyEntries.put("one-more", "v");
        tooManyEntries.put("and-one", "v");
        Map<String, String> oversizedValue = Map.of("note", "n".repeat(100 * 1024));
        for (Map<String, String> metadata : List.of(oversizedValue, tooManyEntries)) {
            assertThatThrownBy(() -> template.send(topic, new Order("refused", 1), metadata))
                    .isInstanceOf(PublishException.class).hasMessageContaining("on every backend")
                    .hasMessageContaining("None of the batch of 1 was published");
            refused++;
        }
        good.add(template.send(topic, new Order("good-3", 3)).uuid());

        List<Message> deadLetters = deadLetters(topic + ".dlq", poison.size());
        await().atMost(WAIT).until(() -> probe.seen("poison").size() >= good.size());
        assertThat(probe.seen("poison")).as("handled").containsExactlyInAnyOrderElementsOf(good);
        assertThat(deadLetters).extracting(Message::uuid).as("dead-lettered")
                .containsExactlyInAnyOrderElementsOf(poison.keySet());
        for (Message deadLetter : deadLetters) {
            assertThat(deadLetter.payload()).as("payload of %s", deadLetter.uuid())
                    .isEqualTo(poison.get(deadLetter.uuid()));
            assertThat(deadLetter.metadata()).containsEntry(MetadataKeys.ATTEMPT, "1")
                    .containsEntry(MetadataKeys.ORIGINAL_TOPIC, topic);
            assertThat(deadLetter.metadata().get(MetadataKeys.ERROR)).hasSizeLessThanOrEqualTo(1_100)
                    .startsWith("io.kincir.MessageConversionException: Cannot read the payload of message "
                            + deadLetter.uuid());
        }
        assertThat(good.size() + poison.size()).as("published: handled + dead-lettered")
                .isEqualTo(good.size() + deadLetters.size());
        assertThat(refused).as("refused before sending").isEqualTo(tenMebibyteLimit() == null ? 2 : 3);
        ListenerState state = registry.container("poison").state();
        assertThat(state.handled()).isEqualTo(good.size());
        assertThat(state.deadLettered()).isEqualTo(poison.size());
        assertThat(state.parked()).isZero();
        assertThat(state.running()).isTrue();
        assertThat(state.missingConsumers()).isZero();
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aReplyThatFailsToPublishIsPublishedAgainWithoutHandlingTheRequestAgain() throws Exception {
        try (Subscriber replies = backend.subscriber()) {
            replies.subscribe(topic("flaky-reply"));

            template.send(topic("flaky-reply-requests"), "hello");

            assertThat(replies.receive(WAIT)).as("the reply, published on the second try").map(Message::payloadAsString)
                    .contains("HELLO");
        }
        await().atMost(WAIT).until(() -> registry.container("flakyReply").state().handled() == 1);
        assertThat(probe.seen("flakyReply")).as("the handler's side effects are not repeated").containsExactly("hello");
        deadLetters(topic("flaky-reply-requests") + ".dlq", 0);
    }

    @Test
    void aRequestWhoseReplyCannotBePublishedIsDeadLetteredAfterOneHandling() throws Exception {
        Message sent = template.send(topic("down-reply-requests"), "hello");

        Message deadLetter = deadLetters(topic("down-reply-requests") + ".dlq", 1).get(0);
        assertThat(deadLetter.uuid()).isEqualTo(sent.uuid());
        assertThat(deadLetter.metadata().get(MetadataKeys.ERROR)).contains("could not publish the reply")
                .contains("'" + topic("down-reply") + "'").contains("is down (test)")
                .contains("not run again");
        assertThat(deadLetter.metadata()).containsEntry(MetadataKeys.ATTEMPT, "1");
        assertThat(probe.seen("downReply")).as("the handler ran once, not once per try").containsExactly("hello");
    }

    @Test
    void aRequestWhoseReplyToIsNotAReplyTopicIsDeadLetteredWithoutBeingHandled() throws Exception {
        Order forged = new Order("forged", 1);
        try (Subscriber victim = backend.subscriber()) {
            victim.subscribe(topic("victim"));

            Message sent = template.send(topic("quotes"), forged,
                    Map.of(MetadataKeys.REPLY_TO, topic("victim"), MetadataKeys.CORRELATION_ID, "c-1"));

            Message deadLetter = deadLetters(topic("quotes") + ".dlq", 1).get(0);
            assertThat(deadLetter.uuid()).isEqualTo(sent.uuid());
            assertThat(deadLetter.metadata().get(MetadataKeys.ERROR)).contains("reply_to '" + topic("victim") + "'")
                    .contains("kincir.reply.allowed-topics");
            assertThat(deadLetter.metadata()).containsEntry(MetadataKeys.ATTEMPT, "1");
            assertThat(victim.receive(QUIET)).as("nothing was published to the forged reply_to").isEmpty();
        }
        assertThat(probe.seen("quotes")).as("the handler did not run").doesNotContain(forged);
    }

    @Test
    void aRequestMayNameATopicOfTheAllowListAsItsReplyTo() throws Exception {
        try (Subscriber replies = backend.subscriber()) {
            replies.subscribe(topic("allowed-replies.mine"));

            template.send(topic("quotes"), new Order("allowed", 2),
                    Map.of(MetadataKeys.REPLY_TO, topic("allowed-replies.mine"), MetadataKeys.CORRELATION_ID, "c-2"));

            Message reply = replies.receive(WAIT).orElseThrow();
            assertThat(reply.payloadAsString()).isEqualTo("{\"orderId\":\"allowed\",\"price\":20}");
            assertThat(reply.metadata()).containsEntry(MetadataKeys.CORRELATION_ID, "c-2");
        }
    }

    @Test
    void theReplyTimeoutCountsFromTheCallSoAStuckPublishDoesNotHoldTheCallerLonger() {
        // The first request subscribes to the reply topic, which takes a while on some brokers.
        template.sendAndReceive(topic("quotes"), new Order("warm-up", 1), Quote.class, WAIT);
        CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> template.sendAndReceive(
                topic("requests.stuck"), "hello?", String.class, Duration.ofMillis(300)));
        try {
            await().atMost(WAIT).until(call::isDone);
            assertThatThrownBy(call::join).cause().isInstanceOf(ReplyTimeoutException.class)
                    .hasMessageContaining("'" + topic("requests.stuck") + "'").hasMessageContaining("PT0.3S")
                    .hasMessageContaining("publish");
        } finally {
            probe.stuckPublishes.countDown();
        }
    }

    @Test
    void aTransientErrorReceivingRepliesFailsNoWaitingRequest() throws Exception {
        ReceiveFailingBackend faulty = new ReceiveFailingBackend(backend);
        try (KincirTemplate requester = new KincirTemplate(faulty, backend.publisher(), JsonMapper.builder().build(),
                KincirTemplate.REPLY_TOPIC_PREFIX + RUN + ".transient")) {
            CompletableFuture<Quote> call = CompletableFuture.supplyAsync(() -> requester.sendAndReceive(
                    topic("slow-quotes"), new Order("slow", 2), Quote.class, WAIT));
            probe.await("slowQuotes", 1);

            faulty.failNextReceives(new KincirException("connection reset (test)"), 2);
            await().atMost(WAIT).until(() -> faulty.failed() == 2);
            probe.slowQuotes.countDown();

            assertThat(call.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(new Quote("slow", 20));
        } finally {
            probe.slowQuotes.countDown();
        }
    }

    @Test
    void aBackendClosedUnderTheReplySubscriberFailsWaitingRequestsSayingSo() {
        ReceiveFailingBackend faulty = new ReceiveFailingBackend(backend);
        try (KincirTemplate requester = new KincirTemplate(faulty, backend.publisher(), JsonMapper.builder().build(),
                KincirTemplate.REPLY_TOPIC_PREFIX + RUN + ".closed")) {
            CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> requester.sendAndReceive(
                    topic("silent"), "anyone?", String.class, WAIT));
            probe.await("silent", 1);

            faulty.failNextReceives(new BrokerShutdownException("the backend is closed (test)"), 1);

            await().atMost(WAIT).until(call::isDone);
            assertThatThrownBy(call::join).cause().isInstanceOf(KincirException.class)
                    .hasMessageContaining("'" + topic("silent") + "'")
                    .hasMessageContaining("cannot receive replies any more")
                    .hasMessageContaining("the backend is closed (test)");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // spring-messaging annotations (@Payload, @Header, @Headers, @SendTo), Bean Validation of payloads,
    // and payload converters chosen by content_type.
    // ---------------------------------------------------------------------------------------------

    /** The content type of {@link PipeConverter}, which no built-in converter reads. */
    static final String PIPE = "application/x-kincir-pipe";

    /** A payload with Bean Validation constraints. */
    public record Shipment(@jakarta.validation.constraints.NotBlank String id,
            @jakarta.validation.constraints.Positive int quantity) {
    }

    /** An application's converter for a made-up content type: an {@link Order} as {@code id|quantity}. */
    static final class PipeConverter implements KincirMessageConverter {

        @Override
        public boolean supports(org.springframework.util.MimeType contentType, Class<?> type) {
            return contentType != null && contentType.toString().equals(PIPE) && type == Order.class;
        }

        @Override
        public Object fromMessage(Message message, java.lang.reflect.Type targetType) {
            String[] parts = message.payloadAsString().split("\\|");
            if (parts.length != 2) {
                throw new io.kincir.MessageConversionException("not id|quantity", null);
            }
            return new Order(parts[0], Integer.parseInt(parts[1]));
        }

        @Override
        public Message toMessage(Object payload, org.springframework.util.MimeType contentType) {
            Order order = (Order) payload;
            return Message.of(order.id() + "|" + order.quantity()).withMetadata(MetadataKeys.CONTENT_TYPE, PIPE);
        }
    }

    @Component
    static class MessagingAnnotationListeners {

        private final Probe probe;

        MessagingAnnotationListeners(Probe probe) {
            this.probe = probe;
        }

        @Bean
        static PipeConverter pipeConverter() {
            return new PipeConverter();
        }

        @KincirListener(id = "messagingAnnotations", topics = "${test.run}.messaging-annotations", maxAttempts = "3")
        void messagingAnnotations(@Header("customer") String customer, @Headers Map<String, String> headers,
                @Payload Order order, @Header(name = "count", required = false) Integer count,
                @Header(name = "priority", defaultValue = "5") int priority,
                @Header(name = "note", required = false) Optional<String> note) {
            probe.add("messagingAnnotations", Arrays.asList(customer, headers, order, count, priority, note));
        }

        @KincirListener(id = "optionalPayload", topics = "${test.run}.optional-payload")
        void optionalPayload(@Payload(required = false) Order order) {
            probe.add("optionalPayload", Optional.ofNullable(order));
        }

        @KincirListener(id = "valid", topics = "${test.run}.valid", maxAttempts = "3")
        void valid(@jakarta.validation.Valid Shipment shipment) {
            probe.add("valid", shipment);
        }

        @KincirListener(id = "validated", topics = "${test.run}.validated", maxAttempts = "3")
        void validated(@org.springframework.validation.annotation.Validated Shipment shipment) {
            probe.add("validated", shipment);
        }

        @KincirListener(id = "pipe", topics = "${test.run}.pipe", maxAttempts = "3")
        void pipe(Order order) {
            probe.add("pipe", order);
        }

        @KincirListener(id = "springSendTo", topics = "${test.run}.spring-shout")
        @org.springframework.messaging.handler.annotation.SendTo("${test.run}.spring-shouted")
        String springSendTo(String text) {
            return text.toUpperCase();
        }
    }

    /**
     * Reads the one dead letter of a topic, which must be {@code sent} dead-lettered at its first attempt
     * (without retries).
     *
     * @return its {@code _error}
     */
    private String deadLetteredAtOnce(String topic, Message sent) throws InterruptedException {
        Message deadLetter = deadLetters(topic + ".dlq", 1).get(0);
        assertThat(deadLetter.uuid()).isEqualTo(sent.uuid());
        assertThat(deadLetter.metadata()).containsEntry(MetadataKeys.ATTEMPT, "1");
        return deadLetter.metadata().get(MetadataKeys.ERROR);
    }

    @Test
    @SuppressWarnings("unchecked")
    void springMessagingPayloadHeaderAndHeadersAreBound() {
        template.send(topic("messaging-annotations"), new Order("7", 1), Map.of("customer", "Alice", "count", "12"));

        List<Object> arguments = (List<Object>) probe.await("messagingAnnotations", 1).get(0);
        assertThat(arguments.get(0)).isEqualTo("Alice");
        assertThat((Map<String, String>) arguments.get(1)).containsEntry("customer", "Alice")
                .containsEntry(MetadataKeys.CONTENT_TYPE, "application/json");
        assertThat(arguments.get(2)).isEqualTo(new Order("7", 1));
        assertThat(arguments.get(3)).as("converted to Integer").isEqualTo(12);
        assertThat(arguments.get(4)).as("the defaultValue").isEqualTo(5);
        assertThat(arguments.get(5)).as("an absent optional header").isEqualTo(Optional.empty());
    }

    @Test
    void aMissingRequiredHeaderDeadLettersTheMessageOnceWithoutRetries() throws Exception {
        Message sent = template.send(topic("messaging-annotations"), new Order("8", 1));

        assertThat(deadLetteredAtOnce(topic("messaging-annotations"), sent))
                .startsWith("io.kincir.listener.UnprocessableMessageException: Message " + sent.uuid()
                        + " has no metadata 'customer'").contains("required = false");
        assertThat(probe.seen("messagingAnnotations")).as("the method was never called for it")
                .noneMatch(arguments -> arguments.toString().contains("Order[id=8"));
    }

    @Test
    void aHeaderThatDoesNotConvertDeadLettersTheMessageOnceWithoutRetries() throws Exception {
        Message sent = template.send(topic("messaging-annotations"), new Order("9", 1),
                Map.of("customer", "Bob", "count", "a dozen"));

        assertThat(deadLetteredAtOnce(topic("messaging-annotations"), sent)).contains("The metadata 'count'")
                .contains("'a dozen', which is not a java.lang.Integer");
    }

    @Test
    void anOptionalPayloadIsNullWhenTheMessageIsEmpty() {
        template.send(topic("optional-payload"), new byte[0]);
        probe.await("optionalPayload", 1);
        template.send(topic("optional-payload"), new Order("10", 2));

        assertThat(probe.await("optionalPayload", 2)).containsExactly(Optional.empty(),
                Optional.of(new Order("10", 2)));
    }

    @Test
    void anInvalidPayloadIsDeadLetteredOnceWithItsViolationsWhileAValidOneIsHandled() throws Exception {
        Message invalid = template.send(topic("valid"), new Shipment(" ", 0));
        template.send(topic("valid"), new Shipment("s-1", 2));

        assertThat(probe.await("valid", 1)).containsExactly(new Shipment("s-1", 2));
        assertThat(deadLetteredAtOnce(topic("valid"), invalid))
                .startsWith("io.kincir.listener.UnprocessableMessageException: The payload of message "
                        + invalid.uuid() + " is not a valid " + Shipment.class.getName())
                .contains("id: must not be blank").contains("quantity: must be greater than 0");
        assertThat(probe.seen("valid")).as("the method ran for the valid one only").hasSize(1);
        assertThat(registry.container("valid").state().deadLettered()).isEqualTo(1);
    }

    @Test
    void springsValidatedValidatesThePayloadToo() throws Exception {
        Message invalid = template.send(topic("validated"), new Shipment("s-2", -1));
        template.send(topic("validated"), new Shipment("s-3", 1));

        assertThat(probe.await("validated", 1)).containsExactly(new Shipment("s-3", 1));
        assertThat(deadLetteredAtOnce(topic("validated"), invalid)).contains("quantity: must be greater than 0")
                .doesNotContain("id: must");
    }

    @Test
    void theConverterBeanForAMessagesContentTypeReadsAndWritesItsPayload() {
        Message sent = template.send(topic("pipe"), new Order("11", 4), Map.of(MetadataKeys.CONTENT_TYPE, PIPE));
        template.send(topic("pipe"), "12|5".getBytes(StandardCharsets.UTF_8), Map.of(MetadataKeys.CONTENT_TYPE, PIPE));

        assertThat(sent.payloadAsString()).as("written by the converter bean").isEqualTo("11|4");
        assertThat(sent.metadata()).containsEntry(MetadataKeys.CONTENT_TYPE, PIPE);
        assertThat(probe.await("pipe", 2)).containsExactlyInAnyOrder(new Order("11", 4), new Order("12", 5));
    }

    @Test
    void aContentTypeNoConverterReadsIsDeadLetteredOnceNamingIt() throws Exception {
        Message sent = template.send(topic("pipe"), "<order id='13'/>".getBytes(StandardCharsets.UTF_8),
                Map.of(MetadataKeys.CONTENT_TYPE, "application/x-unknown"));

        assertThat(deadLetteredAtOnce(topic("pipe"), sent))
                .startsWith("io.kincir.MessageConversionException: Cannot read the payload of message " + sent.uuid())
                .contains("content_type application/x-unknown").contains("KincirMessageConverter bean");
    }

    @Test
    void springMessagingsSendToNamesTheReplyTopic() throws Exception {
        try (Subscriber replies = backend.subscriber()) {
            replies.subscribe(topic("spring-shouted"));

            template.send(topic("spring-shout"), "hello");

            assertThat(replies.receive(WAIT)).map(Message::payloadAsString).contains("HELLO");
        }
    }

    // Retryable and not-retryable exception types: kincir.listener.retry.* and @KincirListener(retryable, notRetryable)

    /** A failure no attempt can mend: the listeners below call it not retryable. */
    public static class InvalidOrder extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public InvalidOrder(String message) {
            super(message);
        }
    }

    /** A failure another attempt may mend: the listeners below call it retryable. */
    public static class TransientFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public TransientFailure(String message) {
            super(message);
        }
    }

    /** Not retryable by the suite's kincir.listener.retry.not-retryable. */
    public static class RefusedByDefault extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public RefusedByDefault(String message) {
            super(message);
        }
    }

    @Component
    static class RetryClassificationListeners {

        private final Probe probe;

        RetryClassificationListeners(Probe probe) {
            this.probe = probe;
        }

        @KincirListener(id = "notRetryable", topics = "${test.run}.not-retryable", maxAttempts = "3",
                notRetryable = InvalidOrder.class)
        void notRetryable(String text, @Metadata(MetadataKeys.ATTEMPT) String attempt) {
            probe.add("notRetryable", attempt);
            throw new InvalidOrder("order " + text + " has no lines");
        }

        @KincirListener(id = "notRetryableCause", topics = "${test.run}.not-retryable-cause", maxAttempts = "3",
                notRetryable = InvalidOrder.class)
        void notRetryableCause(String text, @Metadata(MetadataKeys.ATTEMPT) String attempt) {
            probe.add("notRetryableCause", attempt);
            throw new IllegalStateException("could not save order " + text,
                    new RuntimeException("validation failed", new InvalidOrder("order " + text + " has no lines")));
        }

        @KincirListener(id = "onlyTransient", topics = "${test.run}.only-transient", maxAttempts = "3",
                retryable = TransientFailure.class)
        void onlyTransient(String text, @Metadata(MetadataKeys.ATTEMPT) String attempt) {
            probe.add("onlyTransient", text + "#" + attempt);
            if (text.startsWith("transient")) {
                throw new TransientFailure("stock service busy for " + text);
            }
            throw new IllegalStateException("order " + text + " is broken");
        }

        @KincirListener(id = "refusedByDefault", topics = "${test.run}.refused-by-default", maxAttempts = "3")
        void refusedByDefault(String text, @Metadata(MetadataKeys.ATTEMPT) String attempt) {
            probe.add("refusedByDefault", attempt);
            throw new RefusedByDefault("refused " + text);
        }

        @KincirListener(id = "retriedByAnnotation", topics = "${test.run}.retried-by-annotation", maxAttempts = "3",
                retryable = RefusedByDefault.class)
        void retriedByAnnotation(String text, @Metadata(MetadataKeys.ATTEMPT) String attempt) {
            probe.add("retriedByAnnotation", attempt);
            throw new RefusedByDefault("refused " + text);
        }
    }

    @Test
    void aNotRetryableExceptionIsDeadLetteredAfterItsFirstAttempt() throws Exception {
        Message sent = template.send(topic("not-retryable"), "order-1");

        Message deadLetter = deadLetters(topic("not-retryable") + ".dlq", 1).get(0);
        assertThat(deadLetter.uuid()).isEqualTo(sent.uuid());
        assertThat(deadLetter.metadata()).containsEntry(MetadataKeys.ATTEMPT, "1")
                .containsEntry(MetadataKeys.ERROR, InvalidOrder.class.getName() + ": order order-1 has no lines");
        assertThat(probe.seen("notRetryable")).as("attempts").containsExactly("1");
        assertThat(registry.container("notRetryable").state().deadLettered()).isEqualTo(1);
    }

    @Test
    void aNotRetryableExceptionIsFoundAnywhereInTheCauseChain() throws Exception {
        template.send(topic("not-retryable-cause"), "order-2");

        Message deadLetter = deadLetters(topic("not-retryable-cause") + ".dlq", 1).get(0);
        assertThat(deadLetter.metadata()).containsEntry(MetadataKeys.ATTEMPT, "1");
        assertThat(deadLetter.metadata().get(MetadataKeys.ERROR)).startsWith("java.lang.IllegalStateException: could "
                + "not save order order-2");
        assertThat(probe.seen("notRetryableCause")).as("attempts").containsExactly("1");
    }

    @Test
    void aRetryableExceptionIsRetriedMaxAttemptsTimesAndAnyOtherNotAtAll() throws Exception {
        template.send(topic("only-transient"), "transient-1");

        List<Message> transientDeadLetters = deadLetters(topic("only-transient") + ".dlq", 1);
        assertThat(transientDeadLetters.get(0).metadata()).containsEntry(MetadataKeys.ATTEMPT, "3");
        assertThat(probe.seen("onlyTransient")).as("attempts")
                .containsExactly("transient-1#1", "transient-1#2", "transient-1#3");

        template.send(topic("only-transient"), "broken-1");

        List<Message> brokenDeadLetters = deadLetters(topic("only-transient") + ".dlq", 1);
        assertThat(brokenDeadLetters.get(0).payloadAsString()).isEqualTo("broken-1");
        assertThat(brokenDeadLetters.get(0).metadata()).containsEntry(MetadataKeys.ATTEMPT, "1");
        assertThat(probe.seen("onlyTransient")).as("attempts")
                .containsExactly("transient-1#1", "transient-1#2", "transient-1#3", "broken-1#1");
        assertThat(registry.container("onlyTransient").state().deadLettered()).isEqualTo(2);
    }

    @Test
    void theAnnotationsExceptionTypesReplaceThePropertyDefaults() throws Exception {
        template.send(topic("refused-by-default"), "order-3");
        template.send(topic("retried-by-annotation"), "order-4");

        assertThat(deadLetters(topic("refused-by-default") + ".dlq", 1).get(0).metadata())
                .containsEntry(MetadataKeys.ATTEMPT, "1");
        assertThat(probe.seen("refusedByDefault")).as("attempts under kincir.listener.retry.not-retryable")
                .containsExactly("1");
        assertThat(deadLetters(topic("retried-by-annotation") + ".dlq", 1).get(0).metadata())
                .containsEntry(MetadataKeys.ATTEMPT, "3");
        assertThat(probe.seen("retriedByAnnotation")).as("attempts under retryable = RefusedByDefault.class")
                .containsExactly("1", "2", "3");
    }

    // ---- Batch listeners: a method taking a List gets up to batchSize messages, acknowledged as one ----

    @Component
    static class BatchListeners {

        private final Probe probe;

        BatchListeners(Probe probe) {
            this.probe = probe;
        }

        @KincirListener(id = "batchCount", topics = "${test.run}.batch-count", batchSize = "10",
                batchTimeout = "500ms")
        void batchCount(List<String> texts) {
            probe.add("batchCount", List.copyOf(texts));
        }

        @KincirListener(id = "batchPartial", topics = "${test.run}.batch-partial", batchSize = "${test.batch-size:100}",
                batchTimeout = "200ms")
        void batchPartial(List<String> texts) {
            probe.add("batchPartial", List.copyOf(texts));
        }

        @KincirListener(id = "batchFails", topics = "${test.run}.batch-fails", batchSize = "5", batchTimeout = "300ms",
                maxAttempts = "3")
        void batchFails(List<Message> messages) {
            messages.forEach(message -> probe.add("batchFails", message.uuid()));
            throw new IllegalStateException("warehouse down for " + messages.size() + " messages");
        }

        @KincirListener(id = "batchOrders", topics = "${test.run}.batch-orders", batchSize = "10",
                batchTimeout = "300ms")
        void batchOrders(List<Order> orders) {
            probe.add("batchOrders", List.copyOf(orders));
        }

        @KincirListener(id = "batchMessages", topics = "${test.run}.batch-messages")
        void batchMessages(List<Message> messages) {
            probe.add("batchMessages", List.copyOf(messages));
        }
    }

    /** @return every element of the batches a batch listener got, in the order it got them */
    @SuppressWarnings("unchecked")
    private <T> List<T> batched(String name) {
        return probe.seen(name).stream().flatMap(batch -> ((List<T>) batch).stream()).toList();
    }

    @Test
    void aBatchListenerGetsBatchesOfAtMostTheBatchSizeCoveringEveryMessageOnce() {
        List<Message> sent = new ArrayList<>();
        for (int i = 1; i <= 35; i++) {
            sent.add(Message.of("m" + i));
        }
        backend.publisher().publish(topic("batch-count"), sent);

        await().atMost(WAIT).until(() -> batched("batchCount").size() >= 35);
        List<Object> batches = probe.seen("batchCount");
        assertThat(batches).allSatisfy(batch -> assertThat((List<?>) batch).hasSizeBetween(1, 10));
        assertThat(batches).as("messages arrive in batches, not one by one")
                .anySatisfy(batch -> assertThat((List<?>) batch).hasSizeGreaterThan(1));
        assertThat(batched("batchCount")).as("every message once")
                .containsExactlyInAnyOrderElementsOf(sent.stream().map(Message::payloadAsString).toList());
        await().atMost(WAIT).until(() -> registry.container("batchCount").state().handled() == 35);
        assertThat(registry.container("batchCount").state().deadLettered()).isZero();
    }

    @Test
    void aBatchListenerGetsWhatArrivedWithinTheBatchTimeoutWithoutWaitingForAFullBatch() {
        backend.publisher().publish(topic("batch-partial"), List.of(Message.of("a"), Message.of("b"), Message.of("c")));

        await().atMost(WAIT).until(() -> batched("batchPartial").size() >= 3);
        assertThat(batched("batchPartial")).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(registry.container("batchPartial").batchSize()).isEqualTo(100);
    }

    @Test
    void aBatchThatFailsEveryAttemptIsRetriedWholeThenEveryMessageIsDeadLetteredOnce() throws Exception {
        List<Message> sent = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            sent.add(Message.of("order-" + i).withMetadata("customer", "c" + i));
        }
        backend.publisher().publish(topic("batch-fails"), sent);

        List<Message> deadLetters = deadLetters(topic("batch-fails") + ".dlq", sent.size());
        assertThat(deadLetters).extracting(Message::uuid).as("each message dead-lettered once")
                .containsExactlyInAnyOrderElementsOf(sent.stream().map(Message::uuid).toList());
        for (Message deadLetter : deadLetters) {
            Message original = sent.stream().filter(message -> message.uuid().equals(deadLetter.uuid())).findFirst()
                    .orElseThrow();
            assertThat(deadLetter.payload()).isEqualTo(original.payload());
            assertThat(deadLetter.metadata()).containsEntry("customer", original.metadata("customer").orElseThrow())
                    .containsEntry(MetadataKeys.ATTEMPT, "3").containsEntry(MetadataKeys.ORIGINAL_TOPIC, topic("batch-fails"));
            assertThat(deadLetter.metadata().get(MetadataKeys.ERROR))
                    .startsWith("java.lang.IllegalStateException: warehouse down for ");
        }
        Map<Object, Long> attempts = new HashMap<>();
        probe.seen("batchFails").forEach(uuid -> attempts.merge(uuid, 1L, Long::sum));
        assertThat(attempts).as("attempts per message").hasSize(sent.size()).allSatisfy((uuid, count) ->
                assertThat(count).isEqualTo(3L));
        ListenerState state = registry.container("batchFails").state();
        assertThat(state.deadLettered()).as("counted per message").isEqualTo(sent.size());
        assertThat(state.failedAttempts()).as("counted per message").isEqualTo(3L * sent.size());
        assertThat(state.handled()).isZero();
    }

    @Test
    void aPoisonMessageInABatchIsDeadLetteredAloneWhileTheRestOfTheBatchIsHandled() throws Exception {
        Map<String, String> json = Map.of(MetadataKeys.CONTENT_TYPE, "application/json");
        List<Message> sent = List.of(template.send(topic("batch-orders"), new Order("b1", 1)),
                template.send(topic("batch-orders"), new Order("b2", 2)),
                template.send(topic("batch-orders"), "{\"id\":", json),
                template.send(topic("batch-orders"), new Order("b3", 3)));

        Message deadLetter = deadLetters(topic("batch-orders") + ".dlq", 1).get(0);
        assertThat(deadLetter.uuid()).isEqualTo(sent.get(2).uuid());
        assertThat(deadLetter.metadata()).containsEntry(MetadataKeys.ATTEMPT, "1")
                .containsEntry(MetadataKeys.ORIGINAL_TOPIC, topic("batch-orders"));
        assertThat(deadLetter.metadata().get(MetadataKeys.ERROR))
                .startsWith("io.kincir.MessageConversionException: Cannot read the payload of message " + deadLetter.uuid());
        await().atMost(WAIT).until(() -> batched("batchOrders").size() >= 3);
        assertThat(batched("batchOrders")).containsExactlyInAnyOrder(new Order("b1", 1), new Order("b2", 2),
                new Order("b3", 3));
        ListenerState state = registry.container("batchOrders").state();
        assertThat(state.handled()).isEqualTo(3);
        assertThat(state.deadLettered()).isEqualTo(1);
    }

    @Test
    void aBatchOfMessagesCarriesEachMessagesUuidAndMetadata() {
        Message first = template.send(topic("batch-messages"), "one", Map.of("customer", "Alice"));
        Message second = template.send(topic("batch-messages"), "two", Map.of("customer", "Bob"));

        await().atMost(WAIT).until(() -> batched("batchMessages").size() >= 2);
        List<Message> received = batched("batchMessages");
        assertThat(received).extracting(Message::uuid).containsExactlyInAnyOrder(first.uuid(), second.uuid());
        assertThat(received).extracting(message -> message.metadata("customer").orElseThrow())
                .containsExactlyInAnyOrder("Alice", "Bob");
        assertThat(received).allSatisfy(message -> assertThat(message.metadata()).containsEntry(MetadataKeys.ATTEMPT, "1"));
        assertThat(registry.container("batchMessages").isBatch()).as("List<Message> makes a batch listener").isTrue();
    }
}

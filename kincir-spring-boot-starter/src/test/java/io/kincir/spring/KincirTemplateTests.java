package io.kincir.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kincir.Message;
import io.kincir.MessageConversionException;
import io.kincir.MetadataKeys;
import io.kincir.Subscriber;
import io.kincir.memory.InMemoryBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.json.JsonMapper;

class KincirTemplateTests {

    private final InMemoryBroker broker = InMemoryBroker.withDefaultConfig();
    private final KincirTemplate template = new KincirTemplate(broker, broker.publisher(), JsonMapper.builder().build());

    @AfterEach
    void close() {
        template.close();
        broker.close();
    }

    record Greeting(String text) {
    }

    /** Its getter fails, so it cannot be written as JSON. */
    static final class Exploding {

        public String getValue() {
            throw new IllegalStateException("boom");
        }
    }

    private Message receiveOne(Subscriber subscriber) throws InterruptedException {
        return subscriber.receive(Duration.ofSeconds(5)).orElseThrow();
    }

    @Test
    void bytesAndTextGoAsTheyAreAndObjectsAsJson() throws Exception {
        try (Subscriber subscriber = broker.subscriber()) {
            subscriber.subscribe("t");

            template.send("t", new byte[] {1, 2});
            template.send("t", "text", Map.of("k", "v"));
            template.send("t", new Greeting("hi"));

            Message bytes = receiveOne(subscriber);
            assertThat(bytes.payload()).containsExactly(1, 2);
            assertThat(bytes.metadata()).doesNotContainKey(MetadataKeys.CONTENT_TYPE);
            Message text = receiveOne(subscriber);
            assertThat(text.payloadAsString()).isEqualTo("text");
            assertThat(text.metadata()).containsEntry("k", "v").doesNotContainKey(MetadataKeys.CONTENT_TYPE);
            Message json = receiveOne(subscriber);
            assertThat(json.payloadAsString()).isEqualTo("{\"text\":\"hi\"}");
            assertThat(json.metadata()).containsEntry(MetadataKeys.CONTENT_TYPE, "application/json");
        }
    }

    @Test
    void aMessageIsSentUnchangedWithTheGivenMetadataAdded() throws Exception {
        try (Subscriber subscriber = broker.subscriber()) {
            subscriber.subscribe("t");
            Message original = Message.of("x").withMetadata("a", "1");

            template.send("t", original, Map.of("b", "2"));

            Message received = receiveOne(subscriber);
            assertThat(received.uuid()).isEqualTo(original.uuid());
            assertThat(received.metadata()).containsEntry("a", "1").containsEntry("b", "2");
        }
    }

    @Test
    void anObjectThatCannotBeWrittenAsJsonFailsBeforeAnythingIsPublished() {
        assertThatThrownBy(() -> template.send("t", new Exploding()))
                .isInstanceOf(MessageConversionException.class)
                .hasMessageContaining("Cannot write a " + Exploding.class.getName() + " as JSON").hasMessageContaining("boom");
        assertThat(broker.listTopicInfo()).isEmpty();
    }

    @Test
    void aReplyThatCannotBeReadAsTheReplyTypeSaysSo() throws Exception {
        AtomicReference<Throwable> answerer = new AtomicReference<>();
        try (Subscriber requests = broker.subscriber()) {
            requests.subscribe("questions");
            Thread thread = new Thread(() -> {
                try {
                    Message request = receiveOne(requests);
                    broker.publisher().publish(request.metadata(MetadataKeys.REPLY_TO).orElseThrow(),
                            Message.of("not json").withMetadata(MetadataKeys.CORRELATION_ID,
                                    request.metadata(MetadataKeys.CORRELATION_ID).orElseThrow()));
                } catch (Throwable e) {
                    answerer.set(e);
                }
            });
            thread.start();

            assertThatThrownBy(() -> template.sendAndReceive("questions", "?", Greeting.class, Duration.ofSeconds(5)))
                    .isInstanceOf(MessageConversionException.class).hasMessageContaining("as JSON for");
            thread.join();
            assertThat(answerer.get()).isNull();
        }
    }

    @Test
    void aLateReplyIsDroppedAndTheNextRequestStillWorks() throws Exception {
        try (Subscriber requests = broker.subscriber()) {
            requests.subscribe("questions");
            assertThatThrownBy(() -> template.sendAndReceive("questions", "first", String.class, Duration.ofMillis(50)))
                    .isInstanceOf(ReplyTimeoutException.class);
            Message late = receiveOne(requests);
            broker.publisher().publish(template.replyTopic(), Message.of("too late")
                    .withMetadata(MetadataKeys.CORRELATION_ID, late.metadata(MetadataKeys.CORRELATION_ID).orElseThrow()));

            Thread answerer = new Thread(() -> {
                try {
                    Message request = receiveOne(requests);
                    broker.publisher().publish(template.replyTopic(), Message.of("answer").withMetadata(
                            MetadataKeys.CORRELATION_ID, request.metadata(MetadataKeys.CORRELATION_ID).orElseThrow()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            answerer.start();

            assertThat(template.sendAndReceive("questions", "second", String.class, Duration.ofSeconds(5)))
                    .isEqualTo("answer");
            answerer.join();
        }
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void templatesSharingAReplyTopicEachGetTheRepliesToTheirOwnRequests(CapturedOutput output) throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        try (KincirTemplate first = new KincirTemplate(broker, broker.publisher(), json, "shop.replies");
                KincirTemplate second = new KincirTemplate(broker, broker.publisher(), json, "shop.replies");
                Subscriber requests = broker.subscriber()) {
            requests.subscribe("questions");
            // Answers every request with its own payload, on the shared reply topic.
            Thread echo = new Thread(() -> {
                try {
                    for (int i = 0; i < 20; i++) {
                        Message request = receiveOne(requests);
                        broker.publisher().publish(request.metadata(MetadataKeys.REPLY_TO).orElseThrow(),
                                Message.of(request.payload()).withMetadata(MetadataKeys.CORRELATION_ID,
                                        request.metadata(MetadataKeys.CORRELATION_ID).orElseThrow()));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            echo.start();
            CompletableFuture<List<String>> fromSecond =
                    CompletableFuture.supplyAsync(() -> ask(second, "second"));

            List<String> fromFirst = ask(first, "first");

            assertThat(fromFirst).allMatch(reply -> reply.startsWith("first-"));
            assertThat(fromSecond.get(10, TimeUnit.SECONDS))
                    .allMatch(reply -> reply.startsWith("second-"));
            echo.join(5000);
            assertThat(output).as("another template's replies are not warned about").doesNotContain("Dropped reply");
        }
    }

    private static List<String> ask(KincirTemplate template, String name) {
        List<String> replies = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            replies.add(template.sendAndReceive("questions", name + "-" + i, String.class, Duration.ofSeconds(5)));
        }
        return replies;
    }

    @Test
    void aClosedTemplateStillSendsButMakesNoRequests() {
        template.close();

        template.send("t", "still works");
        assertThatThrownBy(() -> template.sendAndReceive("t", "?", String.class, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}

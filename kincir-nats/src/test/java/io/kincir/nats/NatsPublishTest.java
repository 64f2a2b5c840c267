package io.kincir.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.PublishException;
import io.kincir.Subscriber;
import io.nats.client.api.StreamInfo;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a publish stores: deduplication per topic, the size limit, and batches refused whole. */
class NatsPublishTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final TestNats nats = new TestNats();
    private final String topic = "publish-" + System.nanoTime();
    private NatsBackend backend;

    @BeforeEach
    void setUp() {
        backend = nats.backend();
    }

    @AfterEach
    void tearDown() {
        nats.close();
    }

    @Test
    void aDeadLetterRepublishedWithTheSameUuidToAnotherTopicIsNotDroppedAsADuplicate() throws Exception {
        String deadLetters = topic + ".dlq";
        Message original = Message.of("poison");
        try (Subscriber orders = backend.subscriber("workers"); Subscriber dlq = backend.subscriber("keepers")) {
            orders.subscribe(topic);
            dlq.subscribe(deadLetters);
            backend.publisher().publish(topic, original);
            Message received = orders.receive(WAIT).orElseThrow();

            backend.publisher().publish(deadLetters, received.withMetadata(MetadataKeys.ERROR, "boom"));

            Message deadLetter = dlq.receive(WAIT).orElseThrow();
            assertThat(deadLetter.uuid()).isEqualTo(original.uuid());
            assertThat(deadLetter.metadata()).containsEntry(MetadataKeys.ERROR, "boom");
        }
    }

    @Test
    void publishingTheSameMessageAgainToTheSameTopicStoresItOnce() throws Exception {
        Message message = Message.of("retried");
        try (Subscriber subscriber = backend.subscriber("workers")) {
            subscriber.subscribe(topic);

            backend.publisher().publish(topic, message);
            backend.publisher().publish(topic, List.of(message, Message.of("next")));

            StreamInfo stream = nats.management().getStreamInfo(NatsNames.stream(topic));
            assertThat(stream.getStreamState().getMsgCount()).isEqualTo(2);
            assertThat(subscriber.receive(WAIT)).map(Message::payloadAsString).contains("retried");
            assertThat(subscriber.receive(WAIT)).map(Message::payloadAsString).contains("next");
        }
    }

    @Test
    void aMessageOverTheServersMaxPayloadFailsNamingTheSettingAndNothingOfTheBatchIsStored() throws Exception {
        long maxPayload = nats.inspector().getServerInfo().getMaxPayload();
        Message tooLarge = Message.of(new byte[(int) maxPayload]);
        try (Subscriber subscriber = backend.subscriber("workers")) {
            subscriber.subscribe(topic);

            assertThatThrownBy(() -> backend.publisher().publish(topic, List.of(Message.of("small"), tooLarge)))
                    .isInstanceOf(PublishException.class)
                    .hasMessageContaining("max_payload of " + maxPayload + " bytes")
                    .hasMessageContaining("topic '" + topic + "'")
                    .hasMessageContaining(tooLarge.uuid());

            assertThat(subscriber.receive(Duration.ofMillis(300))).isEmpty();
        }
    }

    @Test
    void anInvalidDelayOrTtlFailsTheWholeBatchBeforeAnythingIsSent() throws Exception {
        try (Subscriber subscriber = backend.subscriber("workers")) {
            subscriber.subscribe(topic);

            assertThatIllegalArgumentException().isThrownBy(() -> backend.publisher().publish(topic,
                    List.of(Message.of("fine"), Message.of("bad").withMetadata(MetadataKeys.TTL, "soon"))))
                    .withMessageContaining("_ttl='soon'");
            assertThat(subscriber.receive(Duration.ofMillis(300))).isEmpty();
        }
    }

    @Test
    void aPublishAfterTheTopicsStreamWasDeletedFailsNamingTheTopicAndTheNextCreatesItAgain() throws Exception {
        backend.publisher().publish(topic, Message.of("first"));
        nats.management().deleteStream(NatsNames.stream(topic));

        assertThatThrownBy(() -> backend.publisher().publish(topic, Message.of("lost")))
                .isInstanceOf(PublishException.class).hasMessageContaining("topic '" + topic + "'");

        try (Subscriber subscriber = backend.subscriber("workers")) {
            subscriber.subscribe(topic);
            backend.publisher().publish(topic, Message.of("again"));
            assertThat(subscriber.receive(WAIT)).map(Message::payloadAsString).contains("again");
        }
    }

    @Test
    void streamsKeepMessagesOnDiskWithLimitsRetentionAndTheConfiguredAge() throws Exception {
        backend.publisher().publish(topic, Message.of("x"));

        StreamInfo stream = nats.management().getStreamInfo(NatsNames.stream(topic));

        assertThat(stream.getConfiguration().getRetentionPolicy()).isEqualTo(io.nats.client.api.RetentionPolicy.Limits);
        assertThat(stream.getConfiguration().getStorageType()).isEqualTo(io.nats.client.api.StorageType.File);
        assertThat(stream.getConfiguration().getSubjects()).containsExactly(NatsNames.subject(topic));
        assertThat(stream.getConfiguration().getMaxAge()).isEqualTo(Duration.ofDays(7));
    }
}

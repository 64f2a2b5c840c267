package io.kincir.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.Subscriber;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code _delay}: a message waits in the topic's sorted set until due, then enters the stream. */
class RedisDelayTest {

    private final TestRedis redis = new TestRedis();

    @AfterEach
    void tearDown() {
        redis.close();
    }

    @Test
    void aDelayedMessageWaitsInTheSortedSetThenReachesTheGroup() throws InterruptedException {
        RedisBackend backend = redis.backend();
        String delayed = new String(backend.keys().delayed("reminders"), java.nio.charset.StandardCharsets.UTF_8);
        try (Subscriber subscriber = backend.subscriber("mailers")) {
            subscriber.subscribe("reminders");
            long published = System.nanoTime();
            backend.publisher().publish("reminders", List.of(
                    Message.of("later").withMetadata(MetadataKeys.DELAY, "PT2S"),
                    Message.of("now")));

            assertThat(subscriber.receive(Duration.ofSeconds(5))).map(Message::payloadAsString).contains("now");
            assertThat(redis.inspector().zcard(delayed)).isEqualTo(1);
            assertThat(redis.inspector().xlen(RedisRedeliveryTest.key(backend, "reminders"))).isEqualTo(1);

            Optional<Message> later = subscriber.receive(Duration.ofSeconds(10));

            assertThat(later).map(Message::payloadAsString).contains("later");
            assertThat(Duration.ofNanos(System.nanoTime() - published)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            assertThat(later.get().metadata()).containsEntry(MetadataKeys.DELAY, "PT2S");
            assertThat(redis.inspector().zcard(delayed)).isZero();
            assertThat(redis.inspector().keys(backend.settings().keyPrefix() + "*delay*")).isEmpty();
        }
    }

    @Test
    void aMessageDelayedByOneBackendIsMovedByAnotherThatSubscribes() throws InterruptedException {
        RedisSettings settings = redis.settings();
        RedisBackend publishing = redis.backend(settings);
        RedisBackend consuming = redis.backend(settings);
        try (Subscriber subscriber = consuming.subscriber("mailers")) {
            subscriber.subscribe("reminders");
            publishing.publisher().publish("reminders", Message.of("later").withMetadata(MetadataKeys.DELAY, "PT1S"));
            publishing.close();

            assertThat(subscriber.receive(Duration.ofSeconds(10))).map(Message::payloadAsString).contains("later");
        }
    }

    @Test
    void anInvalidDelayFailsTheWholeBatchBeforeAnythingIsSent() {
        RedisBackend backend = redis.backend();

        assertThatIllegalArgumentException().isThrownBy(() -> backend.publisher().publish("reminders", List.of(
                Message.of("fine"), Message.of("broken").withMetadata(MetadataKeys.DELAY, "soon"))))
                .withMessageContaining("_delay");
        assertThat(redis.inspector().exists(RedisRedeliveryTest.key(backend, "reminders"))).isZero();
    }
}

package io.kincir.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kincir.AckSubscriber;
import io.kincir.Delivery;
import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.Subscriber;
import io.lettuce.core.XTrimArgs;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Streams keep every entry unless {@code maxLength} is set; trimming can delete pending entries, which a
 * claim or a requeue then counts instead of failing. An expired {@code _ttl} is counted the same way.
 */
class RedisTrimmingTest {

    private final TestRedis redis = new TestRedis();

    @AfterEach
    void tearDown() {
        redis.close();
    }

    @Test
    void byDefaultAStreamKeepsEveryEntryEvenOnceEveryGroupRead() throws InterruptedException {
        RedisBackend backend = redis.backend();
        try (Subscriber subscriber = backend.subscriber("readers")) {
            subscriber.subscribe("log");
            backend.publisher().publish("log", RedisRedeliveryTest.messages("line", 1000));
            for (int i = 0; i < 1000; i++) {
                assertThat(subscriber.receive(Duration.ofSeconds(10))).isPresent();
            }

            assertThat(redis.inspector().xlen(RedisRedeliveryTest.key(backend, "log"))).isEqualTo(1000);
        }
    }

    @Test
    void withAMaxLengthTheStreamIsTrimmedNearIt() {
        RedisBackend backend = redis.backend(redis.settings().withMaxLength(100));
        for (int i = 0; i < 10; i++) {
            backend.publisher().publish("log", RedisRedeliveryTest.messages("line", 100));
        }

        // MAXLEN ~ trims whole nodes of the stream's radix tree: at least 100 entries stay, not many more.
        assertThat(redis.inspector().xlen(RedisRedeliveryTest.key(backend, "log"))).isBetween(100L, 300L);
    }

    @Test
    void aClaimThatFindsTrimmedEntriesCountsThemAndMovesOn() throws InterruptedException {
        RedisSettings settings = redis.settings().withClaims(Duration.ofMillis(100), Duration.ofMillis(500));
        RedisBackend dying = redis.backend(settings);
        RedisBackend surviving = redis.backend(settings);
        AckSubscriber abandoned = dying.ackSubscriber("workers");
        abandoned.subscribe("jobs");
        dying.publisher().publish("jobs", RedisRedeliveryTest.messages("job", 3));
        RedisRedeliveryTest.receive(abandoned, 3);
        String stream = RedisRedeliveryTest.key(dying, "jobs");
        redis.inspector().xtrim(stream, new XTrimArgs().maxlen(0));

        try (AckSubscriber survivor = surviving.ackSubscriber("workers")) {
            survivor.subscribe("jobs");
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                survivor.receive(Duration.ofMillis(100)).ifPresent(Delivery::ack);
                return surviving.skipped().trimmedCount() == 3;
            });

            assertThat(redis.inspector().xpending(stream, "workers").getCount()).isZero();
            assertThat(survivor.receive(Duration.ofMillis(300))).isEmpty();
            assertThat(surviving.health().details()).containsEntry("trimmed", 3L);
        }
    }

    @Test
    void aRequeueThatFindsItsEntryTrimmedCountsIt() throws InterruptedException {
        RedisBackend backend = redis.backend();
        try (AckSubscriber subscriber = backend.ackSubscriber("workers")) {
            subscriber.subscribe("jobs");
            backend.publisher().publish("jobs", Message.of("gone soon"));
            Delivery delivery = subscriber.receive(Duration.ofSeconds(10)).orElseThrow();
            redis.inspector().xtrim(RedisRedeliveryTest.key(backend, "jobs"), new XTrimArgs().maxlen(0));

            delivery.nack(true);

            assertThat(backend.skipped().trimmedCount()).isEqualTo(1);
            assertThat(subscriber.receive(Duration.ofMillis(300))).isEmpty();
        }
    }

    @Test
    void anExpiredMessageIsAcknowledgedWithoutBeingHandedOutAndCounted() throws InterruptedException {
        RedisBackend backend = redis.backend();
        try (AckSubscriber subscriber = backend.ackSubscriber("workers")) {
            subscriber.subscribe("jobs");
            backend.publisher().publish("jobs", List.of(Message.of("stale").withMetadata(MetadataKeys.TTL, "PT0.1S")));
            long publishedAt = System.nanoTime();
            // Expiry is a matter of time passing: nothing to wait on but the clock.
            await().until(() -> System.nanoTime() - publishedAt > Duration.ofMillis(300).toNanos());
            backend.publisher().publish("jobs", Message.of("fresh"));

            Delivery fresh = subscriber.receive(Duration.ofSeconds(10)).orElseThrow();
            assertThat(fresh.message().payloadAsString()).isEqualTo("fresh");
            fresh.ack();
            assertThat(subscriber.receive(Duration.ofMillis(300))).isEmpty();

            assertThat(backend.skipped().expiredCount()).isEqualTo(1);
            assertThat(redis.inspector().xpending(RedisRedeliveryTest.key(backend, "jobs"), "workers").getCount())
                    .isZero();
        }
    }
}

package io.kincir.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.kincir.Message;
import io.kincir.Subscriber;
import io.lettuce.core.StreamMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The keys, fields and groups the backend creates, as docs/redis.md describes them. */
class RedisMappingTest {

    private final TestRedis redis = new TestRedis();

    @AfterEach
    void tearDown() {
        redis.close();
    }

    @Test
    void aMessageIsAnEntryOfTheTopicsStreamWithItsUuidPayloadAndMetadataAsFields() {
        RedisBackend backend = redis.backend();
        backend.publisher().publish("orders", Message.of("id-1", "body".getBytes(), Map.of("customer", "Alice")));

        String stream = backend.settings().keyPrefix() + "{orders}";
        List<StreamMessage<String, String>> entries = redis.inspector().xrange(stream, io.lettuce.core.Range.create("-", "+"));

        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).getBody()).containsEntry("uuid", "id-1").containsEntry("payload", "body")
                .containsEntry("m:customer", "Alice").containsKey("published_at");
    }

    @Test
    void aGroupIsAConsumerGroupOnTheStreamAndItsRequeueStream() {
        RedisBackend backend = redis.backend();
        try (Subscriber subscriber = backend.subscriber("billing")) {
            subscriber.subscribe("orders");

            String prefix = backend.settings().keyPrefix();
            assertThat(groups(prefix + "{orders}")).containsExactly("billing");
            assertThat(groups(prefix + "{orders}:requeue:billing")).containsExactly("billing");
        }
    }

    @Test
    void aPrivateSubscribersGroupIsDestroyedWhenItCloses() throws InterruptedException {
        RedisBackend backend = redis.backend();
        String stream = backend.settings().keyPrefix() + "{orders}";
        Subscriber subscriber = backend.subscriber();
        subscriber.subscribe("orders");
        backend.publisher().publish("orders", Message.of("x"));
        assertThat(subscriber.receive(Duration.ofSeconds(10))).isPresent();
        assertThat(groups(stream)).hasSize(1);

        subscriber.close();

        assertThat(groups(stream)).isEmpty();
    }

    @Test
    void aClientAndConnectionDetailsTogetherAreRefused() {
        assertThatIllegalStateException().isThrownBy(() -> RedisBackend.builder().uri("redis://localhost:6379")
                .port(6380).build());
    }

    private List<String> groups(String stream) {
        return redis.inspector().xinfoGroups(stream).stream()
                .map(each -> {
                    List<?> flat = (List<?>) each;
                    return String.valueOf(flat.get(flat.indexOf("name") + 1));
                }).toList();
    }
}

package io.kincir.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kincir.AckSubscriber;
import io.kincir.Message;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Consumer names are deleted when idle with nothing pending, never while they hold entries. */
class RedisIdleConsumerTest {

    private final TestRedis redis = new TestRedis();

    @AfterEach
    void tearDown() {
        redis.close();
    }

    @Test
    void anIdleConsumerIsDeletedButOneHoldingEntriesStays() throws InterruptedException {
        RedisSettings settings = redis.settings().withClaims(Duration.ofMillis(100), Duration.ofMinutes(5))
                .withIdleConsumerTimeout(Duration.ofMillis(500)).withReadCount(1);
        RedisBackend gone = redis.backend(settings);
        AckSubscriber idle = gone.ackSubscriber("workers");
        AckSubscriber holding = gone.ackSubscriber("workers");
        idle.subscribe("jobs");
        holding.subscribe("jobs");
        // A consumer exists once it has read an entry: one member settles one, the other holds one.
        gone.publisher().publish("jobs", List.of(Message.of("settled"), Message.of("held")));
        idle.receive(Duration.ofSeconds(10)).orElseThrow().ack();
        assertThat(holding.receive(Duration.ofSeconds(10))).isPresent();
        String stream = RedisRedeliveryTest.key(gone, "jobs");
        Map<String, Long> pending = pendingByConsumer(stream);
        assertThat(pending).hasSize(2).containsValues(0L, 1L);
        String idleName = nameWith(pending, 0L);
        String holdingName = nameWith(pending, 1L);

        // Another process's backend, with a member in the same group, does the sweeping.
        RedisBackend sweeping = redis.backend(settings);
        try (AckSubscriber member = sweeping.ackSubscriber("workers")) {
            member.subscribe("jobs");

            await().atMost(Duration.ofSeconds(10)).until(() -> !consumers(stream).contains(idleName));
            assertThat(consumers(stream)).contains(holdingName);
        }
    }

    @Test
    void aClosingMemberDeletesItsOwnNameOnceItHandedItsEntriesBack() throws InterruptedException {
        RedisBackend backend = redis.backend();
        AckSubscriber member = backend.ackSubscriber("workers");
        member.subscribe("jobs");
        backend.publisher().publish("jobs", Message.of("held"));
        assertThat(member.receive(Duration.ofSeconds(10))).isPresent();
        String name = backend.members().get(0).consumer();
        String stream = RedisRedeliveryTest.key(backend, "jobs");
        assertThat(consumers(stream)).contains(name);

        member.close();

        assertThat(consumers(stream)).doesNotContain(name);
        assertThat(redis.inspector().xpending(stream, "workers").getCount()).isZero();
    }

    private static String nameWith(Map<String, Long> pending, long count) {
        return pending.entrySet().stream().filter(e -> e.getValue() == count).findFirst().orElseThrow().getKey();
    }

    private Map<String, Long> pendingByConsumer(String stream) {
        Map<String, Long> pending = new java.util.HashMap<>();
        for (Object each : redis.inspector().xinfoConsumers(stream, "workers")) {
            Map<String, Object> consumer = asMap((List<?>) each);
            pending.put(String.valueOf(consumer.get("name")), ((Number) consumer.get("pending")).longValue());
        }
        return pending;
    }

    private List<String> consumers(String stream) {
        return redis.inspector().xinfoConsumers(stream, "workers").stream()
                .map(each -> String.valueOf(asMap((List<?>) each).get("name"))).toList();
    }

    private static Map<String, Object> asMap(List<?> flat) {
        Map<String, Object> map = new java.util.HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put(String.valueOf(flat.get(i)), flat.get(i + 1));
        }
        return map;
    }
}

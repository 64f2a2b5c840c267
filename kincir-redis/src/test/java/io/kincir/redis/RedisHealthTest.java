package io.kincir.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kincir.AckSubscriber;
import io.kincir.BackendHealth;
import io.kincir.BackendUnavailableException;
import io.kincir.Message;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisHealthTest {

    private final TestRedis redis = new TestRedis();

    @AfterEach
    void tearDown() {
        redis.close();
    }

    @Test
    void upWithTheServersVersionMemoryAndPendingEntries() throws InterruptedException {
        RedisBackend backend = redis.backend();
        try (AckSubscriber subscriber = backend.ackSubscriber("workers")) {
            subscriber.subscribe("jobs");
            backend.publisher().publish("jobs", Message.of("held"));
            assertThat(subscriber.receive(Duration.ofSeconds(10))).isPresent();

            BackendHealth health = backend.health();

            assertThat(health.up()).isTrue();
            assertThat(health.details()).containsEntry("backend", "redis").containsEntry("server", "127.0.0.1:6379")
                    .containsEntry("subscribers", 1).containsEntry("pending", Map.of("jobs/workers", 1L))
                    .containsKey("usedMemory");
            assertThat((String) health.details().get("version")).matches("\\d+\\.\\d+.*");
        }
    }

    @Test
    void downWithTheReasonWhenNothingListensOnThePort() throws IOException {
        int closedPort = closedPort();
        try (RedisBackend unreachable = RedisBackend.builder().host("127.0.0.1").port(closedPort).build()) {
            BackendHealth health = unreachable.health();

            assertThat(health.up()).isFalse();
            assertThat((String) health.details().get("error")).contains("127.0.0.1:" + closedPort)
                    .containsIgnoringCase("Connection refused").contains("spring.data.redis");
            assertThatThrownBy(() -> unreachable.publisher().publish("orders", Message.of("x")))
                    .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("127.0.0.1:" + closedPort);
        }
    }

    @Test
    void downOnceClosed() {
        RedisBackend backend = redis.backend();
        backend.close();

        assertThat(backend.health().up()).isFalse();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package io.kincir.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kincir.BackendHealth;
import io.kincir.BackendUnavailableException;
import io.kincir.Message;
import io.kincir.conformance.ExternalServer;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RabbitHealthTest {

    private final TestRabbit rabbit = new TestRabbit();

    @AfterEach
    void tearDown() {
        rabbit.close();
    }

    @Test
    void upWithTheBrokersProductAndVersion() {
        ExternalServer.RABBITMQ.require();
        BackendHealth health = rabbit.backend().health();

        assertThat(health.up()).isTrue();
        assertThat(health.details()).containsEntry("backend", "rabbitmq").containsEntry("product", "RabbitMQ")
                .containsEntry("connection", "open");
        assertThat((String) health.details().get("version")).matches("\\d+\\.\\d+.*");
    }

    @Test
    void downWithTheReasonWhenNothingListensOnThePort() throws IOException {
        int closedPort = closedPort();
        try (RabbitBackend unreachable = RabbitBackend.builder().host("127.0.0.1").port(closedPort).build()) {
            BackendHealth health = unreachable.health();

            assertThat(health.up()).isFalse();
            assertThat((String) health.details().get("error")).contains("127.0.0.1:" + closedPort)
                    .contains("Connection refused").contains("spring.rabbitmq");
            assertThatThrownBy(() -> unreachable.publisher().publish("orders", Message.of("x")))
                    .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("127.0.0.1:" + closedPort);
        }
    }

    @Test
    void downOnceClosed() {
        ExternalServer.RABBITMQ.require();
        RabbitBackend backend = rabbit.backend();
        backend.close();

        assertThat(backend.health().up()).isFalse();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package io.kincir.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kincir.BackendHealth;
import io.kincir.BackendUnavailableException;
import io.kincir.Message;
import io.kincir.conformance.ExternalServer;
import io.kincir.fault.ServerProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NatsHealthTest {

    private final TestNats nats = new TestNats();

    @AfterEach
    void tearDown() {
        nats.close();
    }

    @Test
    void upWithTheServersVersionAndTheAccountsJetStreamUsage() {
        ExternalServer.NATS.require();
        BackendHealth health = nats.backend().health();

        assertThat(health.up()).isTrue();
        assertThat(health.details()).containsEntry("backend", "nats").containsEntry("connection", "CONNECTED")
                .containsKeys("streams", "consumers", "storageBytes", "memoryBytes", "maxPayload");
        assertThat((String) health.details().get("version")).matches("\\d+\\.\\d+.*");
    }

    @Test
    void downWithTheReasonWhenNothingListensOnThePort() throws IOException {
        int closedPort = closedPort();
        try (NatsBackend unreachable = NatsBackend.builder().servers("nats://127.0.0.1:" + closedPort).build()) {
            BackendHealth health = unreachable.health();

            assertThat(health.up()).isFalse();
            assertThat((String) health.details().get("error")).contains("127.0.0.1:" + closedPort)
                    .contains("Check that nats-server runs");
            assertThatThrownBy(() -> unreachable.publisher().publish("orders", Message.of("x")))
                    .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("127.0.0.1:" + closedPort);
        }
    }

    @Test
    void downWhenTheServerHasNoJetStream(@TempDir Path dir) {
        try (ServerProcess plain = NatsServerProcess.withoutJetStream(dir);
                NatsBackend backend = NatsBackend.builder().servers(NatsServerProcess.url(plain.host(), plain.port()))
                        .build()) {
            BackendHealth health = backend.health();

            assertThat(health.up()).isFalse();
            assertThat(health.details()).containsEntry("connection", "CONNECTED");
            assertThat((String) health.details().get("error")).contains("JetStream").contains("-js");
        }
    }

    @Test
    void downOnceClosed() {
        ExternalServer.NATS.require();
        NatsBackend backend = nats.backend();
        backend.close();

        assertThat(backend.health().up()).isFalse();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

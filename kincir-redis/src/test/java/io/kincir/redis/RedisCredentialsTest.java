package io.kincir.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kincir.AuthenticationFailedException;
import io.kincir.BackendHealth;
import io.kincir.BackendUnavailableException;
import io.kincir.Message;
import io.kincir.Subscriber;
import io.kincir.fault.ServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The builder's password, URI and TLS reach the client, on a redis-server of the test's own that
 * requires a password; a refused login fails saying so, and no password appears in what the backend
 * reports.
 */
class RedisCredentialsTest {

    private static final String PASSWORD = "password-" + UUID.randomUUID();

    @TempDir
    Path dir;

    private ServerProcess server;

    @BeforeEach
    void startServer() {
        server = RedisServerProcess.start(dir, "--requirepass", PASSWORD);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void aPasswordReachesTheServer() throws Exception {
        try (RedisBackend backend = RedisBackend.builder().host("127.0.0.1").port(server.port()).password(PASSWORD)
                .build()) {
            assertPublishesAndReceives(backend);
        }
    }

    @Test
    void aPasswordInTheUriReachesTheServerAndIsShownNowhere() throws Exception {
        try (RedisBackend backend = RedisBackend.builder().uri("redis://:" + PASSWORD + "@127.0.0.1:" + server.port())
                .build()) {
            assertPublishesAndReceives(backend);
            BackendHealth health = backend.health();
            assertThat(health.up()).isTrue();
            assertThat(String.valueOf(health.details())).doesNotContain(PASSWORD);
            assertThat(backend.toString()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void aWrongPasswordFailsSayingTheLoginWasRefusedWithoutThePassword() {
        String wrong = "wrong-" + PASSWORD;
        try (RedisBackend backend = RedisBackend.builder().uri("redis://:" + wrong + "@127.0.0.1:" + server.port())
                .build()) {
            assertThatThrownBy(() -> backend.publisher().publish("orders", Message.of("refused")))
                    .isInstanceOf(AuthenticationFailedException.class)
                    .hasMessageContaining("Redis at 127.0.0.1:" + server.port() + " refused the login: authentication "
                            + "failed for user 'default'")
                    .hasMessageContaining("spring.data.redis.password")
                    .hasMessageNotContaining(wrong);
            BackendHealth health = backend.health();
            assertThat(health.up()).isFalse();
            assertThat(String.valueOf(health.details())).contains("refused the login").doesNotContain(wrong);
        }
    }

    @Test
    void noPasswordFailsSayingTheServerWantsOne() {
        try (RedisBackend backend = RedisBackend.builder().host("127.0.0.1").port(server.port()).build()) {
            assertThatThrownBy(() -> backend.subscriber("credentials").subscribe("orders"))
                    .isInstanceOf(AuthenticationFailedException.class)
                    .hasMessageContaining("refused the login").hasMessageContaining("spring.data.redis.password");
        }
    }

    @Test
    void tlsReachesTheClient() {
        try (RedisBackend backend = RedisBackend.builder().host("127.0.0.1").port(server.port()).password(PASSWORD)
                .tls(true).build()) {
            // The server speaks plain RESP, so a client that starts with a TLS handshake gets no answer it accepts.
            assertThatThrownBy(() -> backend.publisher().publish("orders", Message.of("plain")))
                    .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("(TLS)")
                    .hasMessageContaining("handshake");
        }
    }

    private static void assertPublishesAndReceives(RedisBackend backend) throws InterruptedException {
        try (Subscriber subscriber = backend.subscriber("credentials")) {
            subscriber.subscribe("orders");
            backend.publisher().publish("orders", Message.of("logged in"));

            assertThat(subscriber.receive(Duration.ofSeconds(10))).map(Message::payloadAsString).contains("logged in");
        }
    }
}

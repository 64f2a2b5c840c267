package io.kincir.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kincir.AuthenticationFailedException;
import io.kincir.BackendHealth;
import io.kincir.BackendUnavailableException;
import io.kincir.Message;
import io.kincir.Subscriber;
import io.kincir.conformance.SelfSignedCertificate;
import io.kincir.fault.ServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The builder's token, user and password and TLS reach the client, on servers of the test's own that
 * require them; a refused login fails saying so, and no secret appears in what the backend reports.
 */
class NatsCredentialsTest {

    private static final String TOKEN = "token-" + UUID.randomUUID();
    private static final String PASSWORD = "password-" + UUID.randomUUID();

    @TempDir
    Path dir;

    @Test
    void aTokenReachesTheServer() throws Exception {
        try (ServerProcess server = NatsServerProcess.start(dir, "--auth", TOKEN);
                NatsBackend backend = NatsBackend.builder().servers(NatsServerProcess.url(server)).token(TOKEN).build()) {
            assertPublishesAndReceives(backend);
        }
    }

    @Test
    void aWrongTokenFailsSayingTheLoginWasRefusedWithoutTheToken() {
        String wrong = "wrong-" + TOKEN;
        try (ServerProcess server = NatsServerProcess.start(dir, "--auth", TOKEN);
                NatsBackend backend = NatsBackend.builder().servers(NatsServerProcess.url(server)).token(wrong).build()) {
            assertThatThrownBy(() -> backend.publisher().publish("orders", Message.of("refused")))
                    .isInstanceOf(AuthenticationFailedException.class)
                    .hasMessageContaining("NATS at " + NatsServerProcess.url(server) + " refused the login: authentication failed "
                            + "with a token")
                    .hasMessageContaining("kincir.nats.token")
                    .hasMessageNotContaining(wrong);
            assertThat(backend.health().up()).isFalse();
            assertNoSecretIn(backend.health(), wrong);
        }
    }

    @Test
    void aTokenInTheServerUrlIsMaskedInWhatTheBackendReports() throws Exception {
        try (ServerProcess server = NatsServerProcess.start(dir, "--auth", TOKEN);
                NatsBackend backend = NatsBackend.builder()
                        .servers(NatsServerProcess.url(server).replace("nats://", "nats://" + TOKEN + "@")).build()) {
            assertPublishesAndReceives(backend);
            BackendHealth health = backend.health();
            assertThat(health.details()).containsEntry("servers", NatsServerProcess.url(server).replace("nats://", "nats://****@"));
            assertNoSecretIn(health, TOKEN);
            assertThat(backend.toString()).doesNotContain(TOKEN);
        }
    }

    @Test
    void aUserAndPasswordReachTheServerAndAWrongPasswordFailsNamingTheUser() throws Exception {
        try (ServerProcess server = NatsServerProcess.start(dir, "--user", "orders", "--pass", PASSWORD)) {
            try (NatsBackend backend = NatsBackend.builder().servers(NatsServerProcess.url(server)).credentials("orders", PASSWORD)
                    .build()) {
                assertPublishesAndReceives(backend);
            }
            String wrong = "wrong-" + PASSWORD;
            try (NatsBackend backend = NatsBackend.builder().servers(NatsServerProcess.url(server)).credentials("orders", wrong)
                    .build()) {
                assertThatThrownBy(() -> backend.publisher().publish("orders", Message.of("refused")))
                        .isInstanceOf(AuthenticationFailedException.class)
                        .hasMessageContaining("authentication failed for user 'orders'")
                        .hasMessageContaining("kincir.nats.username").hasMessageContaining("kincir.nats.password")
                        .hasMessageNotContaining(wrong);
                assertThat(backend.health().up()).isFalse();
                assertNoSecretIn(backend.health(), wrong);
            }
        }
    }

    @Test
    void anSslContextReachesTheClient() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.create(dir);
        try (ServerProcess server = NatsServerProcess.start(dir, "--tls", "--tlscert",
                certificate.certificate().toString(), "--tlskey", certificate.key().toString())) {
            try (NatsBackend backend = NatsBackend.builder().servers(NatsServerProcess.url(server)).sslContext(certificate.trustingIt())
                    .build()) {
                assertPublishesAndReceives(backend);
            }
            try (NatsBackend plain = NatsBackend.builder().servers(NatsServerProcess.url(server)).build()) {
                assertThatThrownBy(() -> plain.publisher().publish("orders", Message.of("plain")))
                        .as("without the context the server refuses the client").isInstanceOf(BackendUnavailableException.class);
            }
        }
    }

    private static void assertPublishesAndReceives(NatsBackend backend) throws InterruptedException {
        try (Subscriber subscriber = backend.subscriber("credentials")) {
            subscriber.subscribe("orders");
            backend.publisher().publish("orders", Message.of("logged in"));

            assertThat(subscriber.receive(Duration.ofSeconds(10))).map(Message::payloadAsString).contains("logged in");
        }
    }

    private static void assertNoSecretIn(BackendHealth health, String secret) {
        assertThat(String.valueOf(health.details())).doesNotContain(secret);
    }
}

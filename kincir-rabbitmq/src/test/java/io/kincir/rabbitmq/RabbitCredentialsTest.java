package io.kincir.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kincir.AuthenticationFailedException;
import io.kincir.BackendHealth;
import io.kincir.Message;
import io.kincir.Subscriber;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The builder's credentials and virtual host reach the client: a user and a virtual host of the
 * test's own publish and receive, and a wrong password or a virtual host the user may not use fail
 * saying so, without the password.
 */
class RabbitCredentialsTest {

    private static TestRabbitUser user;

    @BeforeAll
    static void createUser() {
        user = TestRabbitUser.create();
    }

    @AfterAll
    static void deleteUser() {
        if (user != null) {
            user.close();
        }
    }

    @Test
    void aDedicatedUserPublishesAndReceivesInItsVirtualHost() throws Exception {
        try (RabbitBackend backend = user.builder().build(); Subscriber subscriber = backend.subscriber("credentials")) {
            subscriber.subscribe("orders");
            backend.publisher().publish("orders", Message.of("through my own virtual host"));

            assertThat(subscriber.receive(Duration.ofSeconds(10))).map(Message::payloadAsString)
                    .contains("through my own virtual host");
            assertThat(backend.health().details()).containsEntry("server",
                    "127.0.0.1:5672 (virtual host '" + user.virtualHost() + "')");
        }
    }

    @Test
    void aWrongPasswordFailsSayingAuthenticationFailedForTheUserOnTheVirtualHost() {
        String wrong = "wrong-" + user.password();
        try (RabbitBackend backend = user.builder().credentials(user.username(), wrong).build()) {
            assertThatThrownBy(() -> backend.publisher().publish("orders", Message.of("refused")))
                    .isInstanceOf(AuthenticationFailedException.class)
                    .hasMessageContaining("authentication failed for user '" + user.username() + "' on virtual host '"
                            + user.virtualHost() + "'")
                    .hasMessageContaining("127.0.0.1:5672")
                    .hasMessageContaining("spring.rabbitmq.username").hasMessageContaining("spring.rabbitmq.password")
                    .hasMessageNotContaining(wrong);
            assertThatThrownBy(() -> backend.subscriber("credentials").subscribe("orders"))
                    .isInstanceOf(AuthenticationFailedException.class)
                    .hasMessageContaining("authentication failed for user '" + user.username() + "'");
            BackendHealth health = backend.health();
            assertThat(health.up()).isFalse();
            assertThat(String.valueOf(health.details().get("error"))).contains("authentication failed for user '" + user.username() + "'")
                    .doesNotContain(wrong);
            assertThat(String.valueOf(health.details())).doesNotContain(wrong);
        }
    }

    @Test
    void aVirtualHostTheUserMayNotUseFailsSayingSo() {
        try (RabbitBackend backend = user.builder().virtualHost("/").build()) {
            assertThatThrownBy(() -> backend.publisher().publish("orders", Message.of("refused")))
                    .isInstanceOf(AuthenticationFailedException.class)
                    .hasMessageContaining("user '" + user.username() + "' may not use virtual host '/'")
                    .hasMessageContaining("set_permissions");
        }
    }
}

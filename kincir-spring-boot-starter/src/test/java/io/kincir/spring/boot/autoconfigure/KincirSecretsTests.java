package io.kincir.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.kincir.AuthenticationFailedException;
import io.kincir.Backend;
import io.kincir.BackendUnavailableException;
import io.kincir.Message;
import io.kincir.Publisher;
import io.kincir.Subscriber;
import io.kincir.conformance.ExternalServer;
import io.kincir.conformance.SelfSignedCertificate;
import io.kincir.fault.ServerProcess;
import io.kincir.kafka.SharedKafkaBroker;
import io.kincir.nats.NatsServerProcess;
import io.kincir.redis.RedisServerProcess;
import io.kincir.spring.KincirListener;
import io.kincir.spring.health.KincirHealthIndicator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;

/**
 * The login, token and TLS settings reach each backend's client through the properties a Spring Boot
 * application sets, and no password or token shows in the logs, the health details or the exception
 * messages (their causes included), whether the login works or is refused. Servers that must require a
 * login are of the test's own; RabbitMQ is the shared one, with a wrong password for guest.
 */
@ExtendWith(OutputCaptureExtension.class)
class KincirSecretsTests {

    private static final String SECRET = "s3cret-" + UUID.randomUUID();

    private static final String TOPIC = "kincir-secrets-" + UUID.randomUUID().toString().substring(0, 8);

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(InMemoryBackendAutoConfiguration.class,
                    RabbitBackendAutoConfiguration.class, NatsBackendAutoConfiguration.class,
                    RedisBackendAutoConfiguration.class, KafkaBackendAutoConfiguration.class,
                    KincirAutoConfiguration.class, RabbitAutoConfiguration.class, DataRedisAutoConfiguration.class,
                    KafkaAutoConfiguration.class, SslAutoConfiguration.class))
            .withPropertyValues("logging.level.io.kincir=DEBUG");

    @Test
    void rabbitmqWithAWrongPasswordFailsTheStartUpNamingTheUserAndTheProperties(CapturedOutput output) {
        ExternalServer.RABBITMQ.require();
        SpringApplication application = new SpringApplication(ListeningApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);

        Throwable failure = catchThrowable(() -> application.run("--kincir.backend=rabbitmq",
                "--spring.rabbitmq.host=127.0.0.1", "--spring.rabbitmq.port=5672", "--spring.rabbitmq.username=guest",
                "--spring.rabbitmq.password=" + SECRET, "--test.topic=" + TOPIC,
                "--logging.level.io.kincir=DEBUG", "--logging.level.org.springframework.amqp=DEBUG"));

        assertThat(failure).isNotNull();
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("RabbitMQ at 127.0.0.1:5672 refused the login: authentication failed for user 'guest' on "
                        + "virtual host '/'.")
                .contains("Check spring.rabbitmq.username and spring.rabbitmq.password");
        assertNoSecret(output, failure);
    }

    @Test
    void rabbitmqWithAWrongPasswordShowsNoSecretInHealthOrMessages(CapturedOutput output) {
        ExternalServer.RABBITMQ.require();
        contextRunner.withPropertyValues("kincir.backend=rabbitmq", "spring.rabbitmq.host=127.0.0.1",
                "spring.rabbitmq.port=5672", "spring.rabbitmq.username=guest", "spring.rabbitmq.password=" + SECRET)
                .run(context -> {
                    Throwable refused = catchThrowable(() -> publish(context));
                    assertThat(refused).isInstanceOf(AuthenticationFailedException.class);
                    Health health = health(context);
                    assertThat(String.valueOf(health.getDetails().get("error"))).contains("refused the login");
                    assertNoSecret(output, refused, health);
                });
    }

    @Test
    void rabbitmqTlsReachesTheClient() {
        ExternalServer.RABBITMQ.require();
        contextRunner.withPropertyValues("kincir.backend=rabbitmq", "spring.rabbitmq.host=127.0.0.1",
                "spring.rabbitmq.port=5672", "spring.rabbitmq.ssl.enabled=true").run(context ->
                // The shared broker speaks plain AMQP on 5672, so a client that starts with a TLS handshake fails.
                assertThatThrownBy(() -> publish(context)).isInstanceOf(BackendUnavailableException.class)
                        .satisfies(failure -> assertThat(messages(failure)).containsIgnoringCase("SSL")));
    }

    @Test
    void natsTokenFromKincirPropertiesLogsInAndAWrongOneShowsNoSecret(CapturedOutput output, @TempDir Path dir) {
        try (ServerProcess server = NatsServerProcess.start(dir, "--auth", SECRET)) {
            contextRunner.withPropertyValues("kincir.backend=nats", "kincir.nats.servers=" + NatsServerProcess.url(server),
                    "kincir.nats.token=" + SECRET).run(KincirSecretsTests::publishesAndReceives);
            String wrong = "wrong-" + SECRET;
            contextRunner.withPropertyValues("kincir.backend=nats", "kincir.nats.servers=" + NatsServerProcess.url(server),
                    "kincir.nats.token=" + wrong).run(context -> {
                        Throwable refused = catchThrowable(() -> publish(context));
                        assertThat(refused).isInstanceOf(AuthenticationFailedException.class)
                                .hasMessageContaining("authentication failed with a token")
                                .hasMessageContaining("kincir.nats.token");
                        assertNoSecret(output, refused, health(context));
                    });
            assertNoSecret(output);
        }
    }

    @Test
    void natsUserAndPasswordFromKincirPropertiesOrTheServerUrlLogInAndShowNoSecret(CapturedOutput output,
            @TempDir Path dir) {
        try (ServerProcess server = NatsServerProcess.start(dir, "--user", "orders", "--pass", SECRET)) {
            contextRunner.withPropertyValues("kincir.backend=nats", "kincir.nats.servers=" + NatsServerProcess.url(server),
                    "kincir.nats.username=orders", "kincir.nats.password=" + SECRET)
                    .run(KincirSecretsTests::publishesAndReceives);
            contextRunner.withPropertyValues("kincir.backend=nats",
                    "kincir.nats.servers=" + NatsServerProcess.url(server).replace("nats://", "nats://orders:" + SECRET + "@"))
                    .run(context -> {
                        publishesAndReceives(context);
                        Health health = health(context);
                        assertThat(health.getDetails()).containsEntry("servers",
                                NatsServerProcess.url(server).replace("nats://", "nats://****@"));
                        assertNoSecret(output, health, context.getBean(Backend.class));
                    });
            contextRunner.withPropertyValues("kincir.backend=nats", "kincir.nats.servers=" + NatsServerProcess.url(server),
                    "kincir.nats.username=orders", "kincir.nats.password=wrong-" + SECRET).run(context -> {
                        Throwable refused = catchThrowable(() -> publish(context));
                        assertThat(refused).isInstanceOf(AuthenticationFailedException.class)
                                .hasMessageContaining("authentication failed for user 'orders'");
                        assertNoSecret(output, refused, health(context));
                    });
        }
    }

    @Test
    void natsSslBundleReachesTheClient(@TempDir Path dir) {
        SelfSignedCertificate certificate = SelfSignedCertificate.create(dir);
        try (ServerProcess server = NatsServerProcess.start(dir, "--tls", "--tlscert",
                certificate.certificate().toString(), "--tlskey", certificate.key().toString())) {
            contextRunner.withPropertyValues("kincir.backend=nats", "kincir.nats.servers=" + NatsServerProcess.url(server),
                    "kincir.nats.ssl-bundle=nats-tls",
                    "spring.ssl.bundle.pem.nats-tls.truststore.certificate=file:" + certificate.certificate())
                    .run(KincirSecretsTests::publishesAndReceives);
            contextRunner.withPropertyValues("kincir.backend=nats", "kincir.nats.servers=" + NatsServerProcess.url(server))
                    .run(context -> assertThatThrownBy(() -> publish(context))
                            .as("without the bundle the TLS server refuses the client")
                            .isInstanceOf(BackendUnavailableException.class));
        }
    }

    @Test
    void redisPasswordInTheUrlLogsInAndAWrongOneShowsNoSecret(CapturedOutput output, @TempDir Path dir) {
        try (ServerProcess server = RedisServerProcess.start(dir, "--requirepass", SECRET)) {
            String url = "redis://:" + SECRET + "@127.0.0.1:" + server.port();
            contextRunner.withPropertyValues("kincir.backend=redis", "spring.data.redis.url=" + url,
                    "kincir.redis.key-prefix=" + TOPIC + ":").run(context -> {
                        publishesAndReceives(context);
                        assertNoSecret(output, health(context), context.getBean(Backend.class));
                    });
            contextRunner.withPropertyValues("kincir.backend=redis",
                    "spring.data.redis.url=" + url.replace(SECRET, "wrong-" + SECRET)).run(context -> {
                        Throwable refused = catchThrowable(() -> publish(context));
                        assertThat(refused).isInstanceOf(AuthenticationFailedException.class)
                                .hasMessageContaining("spring.data.redis.password");
                        assertNoSecret(output, refused, health(context));
                    });
        }
    }

    @Test
    void kafkaSaslSettingsReachEveryClientAndItsPasswordShowsNowhere(CapturedOutput output) {
        contextRunner.withPropertyValues("kincir.backend=kafka",
                "spring.kafka.bootstrap-servers=" + SharedKafkaBroker.bootstrapServers(),
                "spring.kafka.security.protocol=SASL_PLAINTEXT", "spring.kafka.properties.sasl.mechanism=PLAIN",
                "spring.kafka.properties.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule "
                        + "required username=\"orders\" password=\"" + SECRET + "\";",
                "spring.kafka.producer.properties.max.block.ms=1000", "kincir.kafka.health-timeout=1s",
                "kincir.kafka.operation-timeout=2s").run(context -> {
                    Backend backend = context.getBean(Backend.class);
                    backend.subscriber().close();
                    Throwable refused = catchThrowable(() -> publish(context));
                    assertThat(refused).as("the broker speaks plain Kafka, so a SASL client gets nowhere").isNotNull();
                    Health health = health(context);
                    for (String client : List.of("AdminClientConfig", "ProducerConfig", "ConsumerConfig")) {
                        assertThat(clientConfig(output, client)).as(client)
                                .contains("security.protocol = SASL_PLAINTEXT").contains("sasl.jaas.config = [hidden]");
                    }
                    assertNoSecret(output, refused, health);
                });
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Listener.class)
    static class ListeningApplication {
    }

    static class Listener {

        @KincirListener(topics = "${test.topic}")
        void onMessage(String text) {
        }
    }

    private static void publishesAndReceives(AssertableApplicationContext context) throws InterruptedException {
        assertThat(context).hasNotFailed();
        Backend backend = context.getBean(Backend.class);
        try (Subscriber subscriber = backend.subscriber("secrets")) {
            subscriber.subscribe(TOPIC);
            publish(context);

            assertThat(subscriber.receive(Duration.ofSeconds(10))).map(Message::payloadAsString).contains("logged in");
        }
    }

    private static void publish(AssertableApplicationContext context) {
        context.getBean(Publisher.class).publish(TOPIC, Message.of("logged in"));
    }

    private static Health health(AssertableApplicationContext context) {
        return new KincirHealthIndicator(context.getBean(Backend.class), null).health();
    }

    /** @return the lines of the last configuration a Kafka client of that kind logged */
    private static String clientConfig(CapturedOutput output, String client) {
        Matcher block = Pattern.compile(client + " values: *\\R((?:\\t.*\\R)+)").matcher(output.getAll());
        String last = null;
        while (block.find()) {
            last = block.group(1);
        }
        assertThat(last).as("the %s a Kafka client logs when it is created", client).isNotNull();
        return last;
    }

    /** Fails if the secret is in the output so far, or in what the backend reported: texts, health, exceptions with their causes. */
    private static void assertNoSecret(CapturedOutput output, Object... reported) {
        assertThat(output.getAll()).as("the log").doesNotContain(SECRET);
        for (Object report : reported) {
            String text = report instanceof Throwable failure ? messages(failure) : String.valueOf(report);
            assertThat(text).as("what the backend reported").doesNotContain(SECRET);
        }
    }

    private static String messages(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            messages.add(cause.toString());
        }
        return String.join("\n", messages);
    }
}

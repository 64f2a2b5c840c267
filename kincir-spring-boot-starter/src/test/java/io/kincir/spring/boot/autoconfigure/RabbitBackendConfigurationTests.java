package io.kincir.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.Backend;
import io.kincir.Message;
import io.kincir.Publisher;
import io.kincir.Subscriber;
import io.kincir.conformance.ExternalServer;
import io.kincir.memory.InMemoryBroker;
import io.kincir.rabbitmq.RabbitBackend;
import io.kincir.rabbitmq.RabbitSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class RabbitBackendConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class, KincirAutoConfiguration.class));

    @Test
    void kincirBackendRabbitmqGivesARabbitBackendWithDefaultSettings() {
        contextRunner.withPropertyValues("kincir.backend=rabbitmq").run(context -> {
            assertThat(context).hasSingleBean(Backend.class).hasSingleBean(RabbitBackend.class)
                    .doesNotHaveBean(InMemoryBroker.class).hasSingleBean(Publisher.class);
            assertThat(context.getBean(RabbitBackend.class).settings()).isEqualTo(RabbitSettings.defaults());
        });
    }

    @Test
    void everyKincirRabbitmqPropertyReachesTheBackend() {
        contextRunner.withPropertyValues("kincir.backend=rabbitmq", "kincir.rabbitmq.prefetch=10",
                "kincir.rabbitmq.mandatory=false", "kincir.rabbitmq.confirm-timeout=5s", "kincir.rabbitmq.persistent=false")
                .run(context -> assertThat(context.getBean(RabbitBackend.class).settings())
                        .isEqualTo(new RabbitSettings(10, false, Duration.ofSeconds(5), false)));
    }

    @Test
    void propertyDefaultsMatchTheBackendDefaults() {
        KincirProperties.Rabbitmq defaults = new KincirProperties().getRabbitmq();
        assertThat(new RabbitSettings(defaults.getPrefetch(), defaults.isMandatory(), defaults.getConfirmTimeout(),
                defaults.isPersistent())).isEqualTo(RabbitSettings.defaults());
    }

    @Test
    void theConnectionComesFromSpringRabbitmqProperties() throws IOException {
        int closedPort = closedPort();
        contextRunner.withPropertyValues("kincir.backend=rabbitmq", "spring.rabbitmq.host=127.0.0.1",
                "spring.rabbitmq.port=" + closedPort, "spring.rabbitmq.virtual-host=/kincir-test").run(context -> {
                    assertThat(context.getBean(RabbitBackend.class).health().details().get("server"))
                            .isEqualTo("127.0.0.1:" + closedPort + " (virtual host '/kincir-test')");
                    assertThat(context.getBean(RabbitBackend.class).health().up()).isFalse();
                });
    }

    @Test
    void theBackendUsesBootsConnectionFactoryAndLeavesItOpenWhenItCloses() {
        contextRunner.withPropertyValues("kincir.backend=rabbitmq").run(context -> {
            RabbitBackend backend = context.getBean(RabbitBackend.class);
            backend.close();
            assertThat(context.getBean(ConnectionFactory.class).getHost()).isNotNull();
        });
    }

    @Test
    void publishesAndReceivesThroughTheRealServer() {
        ExternalServer.RABBITMQ.require();
        String topic = "kincir-starter-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        contextRunner.withPropertyValues("kincir.backend=rabbitmq", "spring.rabbitmq.host=127.0.0.1").run(context -> {
            RabbitBackend backend = context.getBean(RabbitBackend.class);
            try (Subscriber subscriber = backend.subscriber("starter")) {
                subscriber.subscribe(topic);
                context.getBean(Publisher.class).publish(topic, Message.of("through Boot"));

                assertThat(subscriber.receive(Duration.ofSeconds(10))).map(Message::payloadAsString)
                        .contains("through Boot");
            } finally {
                backend.deleteGroup(topic, "starter");
                context.getBean(org.springframework.amqp.core.AmqpAdmin.class).deleteExchange(topic);
            }
        });
    }

    @Test
    void withoutSpringRabbitStartUpFailsSayingWhatToAdd() {
        contextRunner.withPropertyValues("kincir.backend=rabbitmq")
                .withClassLoader(new FilteredClassLoader("org.springframework.amqp"))
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasRootCauseInstanceOf(MissingBackendException.class)
                        .satisfies(failure -> assertThat(new KincirBackendFailureAnalyzer().analyze(failure).getAction())
                                .contains("org.springframework.boot:spring-boot-starter-amqp")));
    }

    @Test
    void theInMemoryBrokerStaysTheDefaultWithSpringRabbitPresent() {
        contextRunner.run(context -> assertThat(context).hasSingleBean(InMemoryBroker.class)
                .doesNotHaveBean(RabbitBackend.class));
    }

    @Test
    void aUserDefinedBackendWins() {
        contextRunner.withPropertyValues("kincir.backend=rabbitmq")
                .withBean("ownBackend", Backend.class, InMemoryBroker::withDefaultConfig)
                .run(context -> assertThat(context).hasSingleBean(Backend.class).hasBean("ownBackend")
                        .doesNotHaveBean(RabbitBackend.class));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

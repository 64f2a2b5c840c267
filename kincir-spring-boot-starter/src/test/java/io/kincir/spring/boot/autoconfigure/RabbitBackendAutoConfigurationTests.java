package io.kincir.spring.boot.autoconfigure;

import static io.kincir.spring.boot.autoconfigure.KincirStartupFailureTests.failsWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.Backend;
import io.kincir.Message;
import io.kincir.Publisher;
import io.kincir.Subscriber;
import io.kincir.conformance.ExternalServer;
import io.kincir.memory.InMemoryBroker;
import io.kincir.rabbitmq.RabbitBackend;
import io.kincir.rabbitmq.RabbitSettings;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.ClassUtils;

class RabbitBackendAutoConfigurationTests {

    // Kincir's auto-configurations first: the runner sorts them as an application does, so the RabbitMQ
    // backend finds Boot's connection factory only if its ordering after RabbitAutoConfiguration holds.
    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(InMemoryBackendAutoConfiguration.class,
                    RabbitBackendAutoConfiguration.class, KincirAutoConfiguration.class, RabbitAutoConfiguration.class));

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
                "kincir.rabbitmq.mandatory=false", "kincir.rabbitmq.confirm-timeout=5s", "kincir.rabbitmq.persistent=false",
                "kincir.rabbitmq.max-priority=0")
                .run(context -> assertThat(context.getBean(RabbitBackend.class).settings())
                        .isEqualTo(new RabbitSettings(10, false, Duration.ofSeconds(5), false, 0)));
    }

    @Test
    void propertyDefaultsMatchTheBackendDefaults() {
        assertThat(RabbitBackendAutoConfiguration.RabbitBackendConfiguration.settings(
                new KincirProperties().getRabbitmq())).isEqualTo(RabbitSettings.defaults());
    }

    @Test
    void theConnectionComesFromSpringRabbitmqProperties() {
        int closedPort = ClosedPort.find();
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
    void springBootsRabbitAutoConfigurationItRunsAfterIsOnTheClasspath() {
        String[] names = RabbitBackendAutoConfiguration.class.getAnnotation(AutoConfiguration.class).afterName();

        assertThat(names).as("a Spring Boot upgrade renamed Boot's RabbitMQ auto-configuration again")
                .anyMatch(name -> ClassUtils.isPresent(name, getClass().getClassLoader()));
    }

    @Test
    void withoutKincirRabbitmqTheStartFailsNamingTheModule() {
        contextRunner.withPropertyValues("kincir.backend=rabbitmq")
                .withClassLoader(new FilteredClassLoader("io.kincir.rabbitmq")).run(failsWith(analysis -> {
                    assertThat(analysis.getDescription()).isEqualTo("kincir.backend is set to 'rabbitmq', but the "
                            + "rabbitmq backend module is not on the classpath.");
                    assertThat(analysis.getAction()).startsWith("Add the dependency io.kincir:kincir-rabbitmq, ")
                            .doesNotContain("spring-boot-starter-amqp");
                }));
    }

    @Test
    void withoutSpringBootsRabbitSupportTheStartFailsNamingItsStarter() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RabbitBackendAutoConfiguration.class, KincirAutoConfiguration.class))
                .withPropertyValues("kincir.backend=rabbitmq")
                .withClassLoader(new FilteredClassLoader("org.springframework.boot.amqp", "org.springframework.boot.rabbitmq"))
                .run(failsWith(analysis -> {
                    assertThat(analysis.getDescription()).contains("Spring Boot's support for the broker")
                            .contains("is not on the classpath");
                    assertThat(analysis.getAction()).startsWith(
                            "Add the dependency org.springframework.boot:spring-boot-starter-amqp").doesNotContain("io.kincir");
                }));
    }

    @Test
    void theInMemoryBrokerStaysTheDefaultWithSpringRabbitPresent() {
        contextRunner.withClassLoader(new FilteredClassLoader("io.kincir.kafka", "io.kincir.rabbitmq", "io.kincir.nats",
                "io.kincir.redis")).run(context -> assertThat(context).hasSingleBean(InMemoryBroker.class)
                .doesNotHaveBean(RabbitBackend.class));
    }

    @Test
    void aUserDefinedBackendWins() {
        contextRunner.withPropertyValues("kincir.backend=rabbitmq")
                .withBean("ownBackend", Backend.class, InMemoryBroker::withDefaultConfig)
                .run(context -> assertThat(context).hasSingleBean(Backend.class).hasBean("ownBackend")
                        .doesNotHaveBean(RabbitBackend.class));
    }
}

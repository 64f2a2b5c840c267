package io.kincir.spring.boot.autoconfigure;

import static io.kincir.spring.boot.autoconfigure.KincirStartupFailureTests.failsWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.Backend;
import io.kincir.Message;
import io.kincir.Publisher;
import io.kincir.Subscriber;
import io.kincir.kafka.KafkaBackend;
import io.kincir.kafka.KafkaSettings;
import io.kincir.kafka.SharedKafkaBroker;
import io.kincir.memory.InMemoryBroker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

class KafkaBackendAutoConfigurationTests {

    // Kincir's auto-configurations first: the runner sorts them as an application does, so the Kafka
    // backend finds Boot's beans only if its ordering after KafkaAutoConfiguration holds.
    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(InMemoryBackendAutoConfiguration.class,
                    KafkaBackendAutoConfiguration.class, KincirAutoConfiguration.class, KafkaAutoConfiguration.class))
            .withPropertyValues("kincir.backend=kafka");

    private final ApplicationContextRunner withoutBootsKafkaAutoConfiguration = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaBackendAutoConfiguration.class, KincirAutoConfiguration.class))
            .withPropertyValues("kincir.backend=kafka");

    @Test
    void kafkaBackendIsBuiltFromSpringKafkaProperties() {
        contextRunner.withPropertyValues("spring.kafka.bootstrap-servers=" + SharedKafkaBroker.bootstrapServers(),
                "spring.kafka.producer.properties.max.request.size=" + SharedKafkaBroker.MAX_MESSAGE_BYTES)
                .run(context -> {
                    assertThat(context).hasSingleBean(KafkaBackend.class).doesNotHaveBean(InMemoryBroker.class)
                            .hasSingleBean(Publisher.class);
                    Backend backend = context.getBean(Backend.class);
                    try (Subscriber subscriber = backend.subscriber()) {
                        String topic = "kincir-starter-" + System.nanoTime();
                        subscriber.subscribe(topic);
                        context.getBean(Publisher.class).publish(topic, List.of(
                                Message.of("hello over Kafka"), Message.of(new byte[1024 * 1024])));

                        // Unkeyed messages go to different partitions: no order between them.
                        List<Integer> sizes = List.of(
                                subscriber.receive(Duration.ofSeconds(15)).orElseThrow().payload().length,
                                subscriber.receive(Duration.ofSeconds(15)).orElseThrow().payload().length);
                        assertThat(sizes).containsExactlyInAnyOrder("hello over Kafka".length(), 1024 * 1024);
                    }
                });
    }

    @Test
    void everyKafkaPropertyReachesTheBackend() {
        contextRunner.withPropertyValues("kincir.kafka.partitions=8", "kincir.kafka.replication-factor=3",
                "kincir.kafka.auto-create-topics=false", "kincir.kafka.poll-timeout=250ms",
                "kincir.kafka.receive-buffer=50", "kincir.kafka.receive-buffer-size=2MB",
                "kincir.kafka.operation-timeout=10s",
                "kincir.kafka.health-timeout=2s")
                .run(context -> assertThat(context.getBean(KafkaBackend.class).settings()).isEqualTo(
                        new KafkaSettings(8, (short) 3, false, Duration.ofMillis(250), 50, 2L * 1024 * 1024,
                                Duration.ofSeconds(10),
                                Duration.ofSeconds(2))));
    }

    @Test
    void propertyDefaultsMatchTheBackendDefaults() {
        assertThat(KafkaBackendAutoConfiguration.KafkaBackendConfiguration.settings(new KincirProperties().getKafka()))
                .isEqualTo(KafkaSettings.defaults());
    }

    @Test
    void anInvalidKafkaPropertyFailsTheStartNamingIt() {
        contextRunner.withPropertyValues("kincir.kafka.partitions=0")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("partitions"));
    }

    @Test
    void springBootsKafkaAutoConfigurationItRunsAfterIsOnTheClasspath() {
        String[] names = KafkaBackendAutoConfiguration.class.getAnnotation(AutoConfiguration.class).afterName();

        assertThat(names).as("a Spring Boot upgrade renamed Boot's Kafka auto-configuration again")
                .anyMatch(name -> ClassUtils.isPresent(name, getClass().getClassLoader()));
    }

    @Test
    void withoutKincirKafkaTheStartFailsNamingTheModule() {
        contextRunner.withClassLoader(new FilteredClassLoader("io.kincir.kafka")).run(failsWith(analysis -> {
            assertThat(analysis.getDescription()).isEqualTo("kincir.backend is set to 'kafka', but the kafka backend "
                    + "module is not on the classpath.");
            assertThat(analysis.getAction()).startsWith("Add the dependency io.kincir:kincir-kafka, ")
                    .contains("kincir.backend to in-memory").doesNotContain("spring-boot-starter-kafka");
        }));
    }

    @Test
    void withoutKincirKafkaAndSpringBootsKafkaSupportTheStartFailsNamingBoth() {
        withoutBootsKafkaAutoConfiguration
                .withClassLoader(new FilteredClassLoader("io.kincir.kafka", "org.springframework.boot.kafka"))
                .run(failsWith(analysis -> {
                    assertThat(analysis.getDescription()).contains("nor is Spring Boot's support for the broker");
                    assertThat(analysis.getAction()).startsWith("Add the dependency io.kincir:kincir-kafka and the "
                            + "dependency org.springframework.boot:spring-boot-starter-kafka (Spring Boot manages its "
                            + "version)");
                }));
    }

    @Test
    void withoutSpringBootsKafkaSupportTheStartFailsNamingItsStarter() {
        withoutBootsKafkaAutoConfiguration
                .withClassLoader(new FilteredClassLoader("org.springframework.boot.kafka"))
                .run(failsWith(analysis -> {
                    assertThat(analysis.getDescription()).contains("Spring Boot's support for the broker")
                            .contains("is not on the classpath");
                    assertThat(analysis.getAction()).startsWith(
                            "Add the dependency org.springframework.boot:spring-boot-starter-kafka").doesNotContain("io.kincir");
                }));
    }

    @Test
    void withoutSpringBootsKafkaBeansTheStartFailsPointingAtTheConditionsReport() {
        withoutBootsKafkaAutoConfiguration
                .run(failsWith(analysis -> {
                    assertThat(analysis.getDescription()).contains("the connection beans the backend is built on are "
                            + "missing, so no kafka Backend bean was created");
                    assertThat(analysis.getAction()).contains("--debug");
                }));
    }

    @Test
    void otherBackendsDoNotStartKafka() {
        contextRunner.withPropertyValues("kincir.backend=in-memory")
                .run(context -> assertThat(context).doesNotHaveBean(KafkaBackend.class)
                        .hasSingleBean(InMemoryBroker.class));
    }

    @Test
    void aUserDefinedBackendWins() {
        contextRunner.withUserConfiguration(OwnBackend.class)
                .run(context -> assertThat(context).hasSingleBean(Backend.class).doesNotHaveBean(KafkaBackend.class));
    }

    @Test
    void theBackendClosesWithTheContext() {
        contextRunner.run(context -> {
            KafkaBackend backend = context.getBean(KafkaBackend.class);
            context.close();
            assertThat(backend.health().up()).isFalse();
            assertThat(backend.health().details().get("error")).asString().contains("closed");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBackend {

        @Bean
        InMemoryBroker ownBackend() {
            return InMemoryBroker.withDefaultConfig();
        }
    }
}

package io.kincir.spring.boot.autoconfigure;

import static io.kincir.spring.boot.autoconfigure.KincirStartupFailureTests.failsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kincir.Backend;
import io.kincir.kafka.KafkaBackend;
import io.kincir.memory.InMemoryBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Which backend an unset {@code kincir.backend} selects: the only backend module on the classpath, the
 * in-memory broker when there is none, a start-up failure asking for the property when there are several.
 * This module's tests have every backend module on the classpath; a class loader that cannot load a
 * module's classes hides it, as its registration then counts as absent.
 */
class KincirBackendSelectionTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(InMemoryBackendAutoConfiguration.class,
                    KafkaBackendAutoConfiguration.class, RabbitBackendAutoConfiguration.class,
                    NatsBackendAutoConfiguration.class, RedisBackendAutoConfiguration.class,
                    KincirAutoConfiguration.class, KafkaAutoConfiguration.class));

    @Test
    void unsetWithNoBackendModuleSelectsTheInMemoryBroker() {
        contextRunner.withClassLoader(new FilteredClassLoader("io.kincir.kafka", "io.kincir.rabbitmq", "io.kincir.nats",
                "io.kincir.redis")).run(context -> assertThat(context).hasSingleBean(InMemoryBroker.class));
    }

    @Test
    void unsetWithOneBackendModuleSelectsIt() {
        contextRunner.withClassLoader(new FilteredClassLoader("io.kincir.rabbitmq", "io.kincir.nats", "io.kincir.redis"))
                .run(context -> assertThat(context).hasSingleBean(KafkaBackend.class)
                        .doesNotHaveBean(InMemoryBroker.class));
    }

    @Test
    void unsetWithOneBackendModuleWithoutSpringBootsSupportNamesTheStarterToAdd() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KafkaBackendAutoConfiguration.class, KincirAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader("io.kincir.rabbitmq", "io.kincir.nats", "io.kincir.redis",
                        "org.springframework.boot.kafka")).run(failsWith(analysis -> {
                    assertThat(analysis.getDescription()).startsWith("kincir.backend is not set, so it is 'kafka' (the "
                            + "only backend module on the classpath), but Spring Boot's support for the broker");
                    assertThat(analysis.getAction()).contains("org.springframework.boot:spring-boot-starter-kafka");
                }));
    }

    @Test
    void unsetWithSeveralBackendModulesFailsNamingThePropertyAndTheCandidates() {
        contextRunner.withClassLoader(new FilteredClassLoader("io.kincir.nats", "io.kincir.redis"))
                .run(failsWith(analysis -> {
                    assertThat(analysis.getDescription()).isEqualTo("kincir.backend is not set, and several Kincir "
                            + "backend modules are on the classpath: kafka, rabbitmq.");
                    assertThat(analysis.getAction()).isEqualTo("Set kincir.backend to the backend this application "
                            + "runs: one of in-memory, kafka, rabbitmq; or remove the backend modules it does not use.");
                }));
    }

    @Test
    void anExplicitBackendIsSelectedWhateverModulesArePresent() {
        contextRunner.withPropertyValues("kincir.backend=in-memory")
                .run(context -> assertThat(context).hasSingleBean(InMemoryBroker.class));
        contextRunner.withPropertyValues("kincir.backend=kafka")
                .run(context -> assertThat(context).hasSingleBean(KafkaBackend.class));
    }

    @Test
    void theApplicationsOwnBackendNeedsNoPropertyAmongSeveralModules() {
        contextRunner.withUserConfiguration(KincirAutoConfigurationTests.OwnBackend.class)
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(Backend.class));
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aRealStartUpWithSeveralModulesPrintsTheAnalysis(CapturedOutput output) {
        SpringApplication application = new SpringApplication(KincirStartupFailureTests.EmptyApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);

        assertThatThrownBy(application::run).isNotNull();

        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("kincir.backend is not set, and several Kincir backend modules are on the classpath: "
                        + "kafka, nats, rabbitmq, redis.")
                .contains("Set kincir.backend to the backend this application runs");
    }
}

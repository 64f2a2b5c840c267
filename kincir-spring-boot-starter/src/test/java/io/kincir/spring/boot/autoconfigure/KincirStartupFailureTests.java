package io.kincir.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kincir.Backend;
import io.kincir.Message;
import io.kincir.spring.InvalidKincirListenerException;
import io.kincir.spring.KincirListener;
import io.kincir.spring.Metadata;
import io.kincir.spring.TestBackend;
import java.util.function.Consumer;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/** Configuration mistakes fail the start-up with a message that names the property or method and the fix. */
class KincirStartupFailureTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(InMemoryBackendAutoConfiguration.class,
                    KafkaBackendAutoConfiguration.class, RabbitBackendAutoConfiguration.class,
                    KincirAutoConfiguration.class))
            .withPropertyValues(TestBackend.IN_MEMORY);

    static ContextConsumer<AssertableApplicationContext> failsWith(Consumer<FailureAnalysis> analysis) {
        return context -> {
            assertThat(context).hasFailed();
            FailureAnalysis result = new KincirBackendFailureAnalyzer().analyze(context.getStartupFailure());
            if (result == null) {
                result = new KincirListenerFailureAnalyzer().analyze(context.getStartupFailure());
            }
            assertThat(result).as("an analysis of %s", context.getStartupFailure()).isNotNull();
            analysis.accept(result);
        };
    }

    @Test
    void anUnknownBackendListsTheBackendsOnTheClasspath() {
        contextRunner.withPropertyValues("kincir.backend=kafak").run(failsWith(analysis -> {
            assertThat(analysis.getDescription())
                    .isEqualTo("kincir.backend is set to 'kafak', which names no Kincir backend on the classpath.");
            assertThat(analysis.getAction()).contains("kincir.backend").contains("in-memory, kafka, nats, rabbitmq, redis;");
        }));
    }

    @Test
    void theBackendsListedAreTheModulesFoundOnTheClasspath() {
        contextRunner.withPropertyValues("kincir.backend=kafak")
                .withClassLoader(new FilteredClassLoader("io.kincir.kafka"))
                .run(failsWith(analysis -> assertThat(analysis.getAction()).contains("in-memory, nats, rabbitmq, redis;")
                        .doesNotContain("kafka")));
    }

    @Test
    void aModuleThatNoAutoConfigurationWiresIsNamed() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(KincirAutoConfiguration.class))
                .withPropertyValues("kincir.backend=kafka").run(failsWith(analysis -> {
                    assertThat(analysis.getDescription()).contains("kincir.backend is set to 'kafka'")
                            .contains("module is on the classpath (io.kincir.kafka.KafkaBackend)")
                            .contains("no auto-configuration builds its Backend");
                    assertThat(analysis.getAction()).contains("define your own io.kincir.Backend bean");
                }));
    }

    @Test
    void theApplicationsOwnBackendNeedsNoBackendModule() {
        contextRunner.withUserConfiguration(KincirAutoConfigurationTests.OwnBackend.class)
                .withPropertyValues("kincir.backend=kafka")
                .withClassLoader(new FilteredClassLoader("io.kincir.kafka"))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(Backend.class));
    }

    @Test
    void aListenerWithTwoPayloadParametersListsTheAllowedSignatures() {
        contextRunner.withUserConfiguration(TwoPayloads.class).run(failsWith(analysis -> {
            assertThat(analysis.getDescription()).contains("@KincirListener method")
                    .contains("TwoPayloads.onOrder(String, byte[])")
                    .contains("parameter 2 (byte[] raw) would be a second payload parameter, after String text");
            assertThat(analysis.getAction()).contains("at most one payload parameter").contains("io.kincir.Message")
                    .contains("@Metadata(\"key\") String").contains("Map<String, String>")
                    .contains("void onOrder(Order order)");
        }));
    }

    @Test
    void aMetadataParameterMustBeAString() {
        contextRunner.withUserConfiguration(MetadataNotString.class).run(failsWith(analysis -> assertThat(
                analysis.getDescription()).contains("is annotated @Metadata but is not a String")));
    }

    @Test
    void aPrivateListenerMethodIsRefused() {
        contextRunner.withUserConfiguration(PrivateListener.class).run(failsWith(analysis -> assertThat(
                analysis.getDescription()).contains("it is private")));
    }

    @Test
    void anAttributeThatIsNotANumberIsNamedWithItsValue() {
        contextRunner.withUserConfiguration(BadConcurrency.class).withPropertyValues("app.concurrency=many")
                .run(failsWith(analysis -> {
                    assertThat(analysis.getDescription())
                            .contains("has concurrency = \"many\" (from \"${app.concurrency}\"), which is not a whole number");
                    assertThat(analysis.getAction()).contains("Set concurrency to a whole number");
                }));
    }

    @Test
    void anUnresolvablePlaceholderIsNamed() {
        contextRunner.withUserConfiguration(UnresolvedTopic.class).run(failsWith(analysis -> assertThat(
                analysis.getDescription()).contains("topics = \"${app.missing}\", which cannot be resolved")));
    }

    @Test
    void twoListenersWithOneIdAreRefused() {
        contextRunner.withUserConfiguration(SameIds.class).run(failsWith(analysis -> {
            assertThat(analysis.getDescription()).contains("Two @KincirListener methods have the id 'same'");
            assertThat(analysis.getAction()).contains("unique id");
        }));
    }

    @Test
    void settingsThatDoNotFitTogetherAreExplained() {
        contextRunner.withUserConfiguration(BackoffBelowInitial.class).run(failsWith(analysis -> assertThat(
                analysis.getDescription()).contains("do not fit together").contains("maximum back-off (PT0.5S)")));
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aRealStartUpPrintsTheAnalysis(CapturedOutput output) {
        SpringApplication application = new SpringApplication(EmptyApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);

        assertThatThrownBy(() -> application.run("--kincir.backend=kafak")).isNotNull();

        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("kincir.backend is set to 'kafak', which names no Kincir backend on the classpath.")
                .contains("Set kincir.backend to one of the backends on the classpath: in-memory, kafka, nats, rabbitmq, redis;");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class EmptyApplication {
    }

    @Test
    void theListenerExceptionCarriesProblemAndFix() {
        InvalidKincirListenerException exception = new InvalidKincirListenerException("it is wrong.", "do this");
        assertThat(exception).hasMessage("it is wrong.\ndo this");
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoPayloads {

        @KincirListener(topics = "orders")
        void onOrder(String text, byte[] raw) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class MetadataNotString {

        @KincirListener(topics = "orders")
        void onOrder(Message message, @Metadata("count") Integer count) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class PrivateListener {

        @KincirListener(topics = "orders")
        private void onOrder(String text) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class BadConcurrency {

        @KincirListener(topics = "orders", concurrency = "${app.concurrency}")
        void onOrder(String text) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UnresolvedTopic {

        @KincirListener(topics = "${app.missing}")
        void onOrder(String text) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class SameIds {

        @KincirListener(id = "same", topics = "orders")
        void first(String text) {
        }

        @KincirListener(id = "same", topics = "refunds")
        void second(String text) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class BackoffBelowInitial {

        @KincirListener(topics = "orders", backoff = @io.kincir.spring.Backoff(max = "500ms"))
        void onOrder(String text) {
        }
    }
}

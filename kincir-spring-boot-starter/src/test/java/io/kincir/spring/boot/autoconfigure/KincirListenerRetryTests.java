package io.kincir.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kincir.listener.RetryPolicy;
import io.kincir.spring.Backoff;
import io.kincir.spring.KincirListener;
import io.kincir.spring.KincirListenerRegistry;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code kincir.listener.retry.*} and the retry attributes of {@code @KincirListener}, read into each policy. */
class KincirListenerRetryTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(InMemoryBackendAutoConfiguration.class,
                    KincirAutoConfiguration.class))
            .withPropertyValues("kincir.backend=in-memory");

    private static RetryPolicy policy(ApplicationContext context, String id) {
        return context.getBean(KincirListenerRegistry.class).container(id).retryPolicy();
    }

    @Test
    void everyRetryPropertyReachesTheContainers() {
        contextRunner.withUserConfiguration(KincirAutoConfigurationTests.PlainListener.class).withPropertyValues(
                "kincir.listener.retry.max-attempts=5", "kincir.listener.retry.delay=100ms",
                "kincir.listener.retry.multiplier=1.5", "kincir.listener.retry.max-delay=2s",
                "kincir.listener.retry.jitter=50ms",
                "kincir.listener.retry.retryable=java.io.IOException,java.util.concurrent.TimeoutException",
                "kincir.listener.retry.not-retryable[0]=java.io.FileNotFoundException").run(context -> assertThat(
                        policy(context, "plain")).isEqualTo(RetryPolicy.of(5, Duration.ofMillis(100), 1.5,
                                Duration.ofSeconds(2)).withJitter(Duration.ofMillis(50))
                                .withRetryable(List.of(IOException.class, TimeoutException.class))
                                .withNotRetryable(List.of(FileNotFoundException.class))));
    }

    @Test
    void theDefaultsAreThoseOfTheCorePolicy() {
        contextRunner.withUserConfiguration(KincirAutoConfigurationTests.PlainListener.class)
                .run(context -> assertThat(policy(context, "plain")).isEqualTo(RetryPolicy.defaults()));
    }

    @Test
    void theDeprecatedKeysStillSetTheirReplacements() {
        contextRunner.withUserConfiguration(KincirAutoConfigurationTests.PlainListener.class).withPropertyValues(
                "kincir.listener.max-attempts=4", "kincir.listener.backoff.initial=100ms",
                "kincir.listener.backoff.multiplier=3", "kincir.listener.backoff.max=2s").run(context -> {
                    assertThat(policy(context, "plain"))
                            .isEqualTo(RetryPolicy.of(4, Duration.ofMillis(100), 3.0, Duration.ofSeconds(2)));
                    KincirProperties.Listener.Retry retry =
                            context.getBean(KincirProperties.class).getListener().getRetry();
                    assertThat(retry.getMaxAttempts()).isEqualTo(4);
                    assertThat(retry.getDelay()).isEqualTo(Duration.ofMillis(100));
                });
    }

    @Test
    void theMetadataNamesTheReplacementOfEachDeprecatedKey() throws IOException {
        JsonNode metadata;
        try (InputStream json = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            metadata = JsonMapper.builder().build().readTree(json);
        }
        assertThat(replacement(metadata, "kincir.listener.max-attempts")).isEqualTo("kincir.listener.retry.max-attempts");
        assertThat(replacement(metadata, "kincir.listener.backoff.initial")).isEqualTo("kincir.listener.retry.delay");
        assertThat(replacement(metadata, "kincir.listener.backoff.multiplier"))
                .isEqualTo("kincir.listener.retry.multiplier");
        assertThat(replacement(metadata, "kincir.listener.backoff.max")).isEqualTo("kincir.listener.retry.max-delay");
        assertThat(replacement(metadata, "kincir.listener.retry.jitter")).as("not deprecated").isNull();
    }

    private static String replacement(JsonNode metadata, String name) {
        for (JsonNode property : metadata.get("properties")) {
            if (property.get("name").asString().equals(name)) {
                JsonNode deprecation = property.get("deprecation");
                return deprecation == null ? null : deprecation.get("replacement").asString();
            }
        }
        throw new AssertionError(name + " is not in the metadata");
    }

    @Test
    void theAnnotationsRetryAttributesOverrideThePropertiesWithPlaceholdersResolved() {
        contextRunner.withUserConfiguration(TunedListener.class).withPropertyValues("app.delay=50ms",
                "kincir.listener.retry.jitter=5ms", "kincir.listener.retry.retryable=java.io.IOException",
                "kincir.listener.retry.not-retryable=java.lang.IllegalArgumentException").run(context -> assertThat(
                        policy(context, "tuned")).isEqualTo(RetryPolicy.of(4, Duration.ofMillis(50), 3.0,
                                Duration.ofMillis(400)).withJitter(Duration.ofMillis(20))
                                .withRetryable(List.of(TimeoutException.class)).withNotRetryable(List.of())));
    }

    @Test
    void anAnnotationWithoutExceptionTypesKeepsThoseOfTheProperties() {
        contextRunner.withUserConfiguration(JitterOnly.class).withPropertyValues(
                "kincir.listener.retry.not-retryable=java.lang.IllegalArgumentException").run(context -> assertThat(
                        policy(context, "jitterOnly")).isEqualTo(RetryPolicy.defaults().withJitter(Duration.ofMillis(30))
                                .withNotRetryable(List.of(IllegalArgumentException.class))));
    }

    @Test
    void aMultiplierBelowOneFailsTheStartUpNamingTheProperty() {
        contextRunner.withUserConfiguration(KincirAutoConfigurationTests.PlainListener.class)
                .withPropertyValues("kincir.listener.retry.multiplier=0.5")
                .run(KincirStartupFailureTests.failsWith(analysis -> {
                    assertThat(analysis.getDescription()).contains("kincir.listener.retry.* properties")
                            .contains("multiplier 0.5").contains("must be a finite number of at least 1.0, was 0.5");
                    assertThat(analysis.getAction()).contains("multiplier to at least 1.0");
                }));
    }

    @Test
    void aClassThatIsNotAnExceptionFailsTheStartUpNamingIt() {
        contextRunner.withUserConfiguration(KincirAutoConfigurationTests.PlainListener.class)
                .withPropertyValues("kincir.listener.retry.retryable=java.lang.String")
                .run(KincirStartupFailureTests.failsWith(analysis -> {
                    assertThat(analysis.getDescription()).contains("kincir.listener.retry.* properties")
                            .contains("retryable names java.lang.String, which is not an exception type");
                    assertThat(analysis.getAction()).contains("retryable and not-retryable to exception classes");
                }));
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void anExceptionClassThatDoesNotExistFailsTheStartUpNamingThePropertyAndTheClass(CapturedOutput output) {
        SpringApplication application = new SpringApplication(KincirStartupFailureTests.EmptyApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);

        assertThatThrownBy(() -> application.run("--kincir.backend=in-memory",
                "--kincir.listener.retry.not-retryable=com.example.NoSuchException")).isNotNull();

        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Failed to bind properties under 'kincir.listener.retry.not-retryable'")
                .contains("com.example.NoSuchException");
    }

    @Test
    void anAnnotationThatSetsADurationUnderBothItsNamesFailsTheStartUp() {
        contextRunner.withUserConfiguration(DelayTwice.class).run(KincirStartupFailureTests.failsWith(analysis -> {
            assertThat(analysis.getDescription()).contains("DelayTwice.onOrder(String)")
                    .contains("has both backoff.delay and backoff.initial, which name the same setting");
            assertThat(analysis.getAction()).contains("Set backoff.delay only");
        }));
    }

    @Test
    void aNegativeJitterOnTheAnnotationFailsTheStartUp() {
        contextRunner.withUserConfiguration(NegativeJitter.class).run(KincirStartupFailureTests.failsWith(
                analysis -> assertThat(analysis.getDescription()).contains("do not fit together")
                        .contains("The jitter must not be negative, was PT-0.005S")));
    }

    @Configuration(proxyBeanMethods = false)
    static class TunedListener {

        @KincirListener(id = "tuned", topics = "orders", maxAttempts = "4",
                backoff = @Backoff(multiplier = "3", delay = "${app.delay}", maxDelay = "400ms", jitter = "20ms"),
                retryable = TimeoutException.class)
        void onOrder(String order) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class JitterOnly {

        @KincirListener(id = "jitterOnly", topics = "orders", backoff = @Backoff(jitter = "30ms"))
        void onOrder(String order) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class DelayTwice {

        @KincirListener(topics = "orders", backoff = @Backoff(initial = "1s", delay = "2s"))
        void onOrder(String order) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class NegativeJitter {

        @KincirListener(topics = "orders", backoff = @Backoff(jitter = "-5ms"))
        void onOrder(String order) {
        }
    }
}

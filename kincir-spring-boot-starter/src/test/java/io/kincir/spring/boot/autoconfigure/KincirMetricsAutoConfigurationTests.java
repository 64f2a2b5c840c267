package io.kincir.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kincir.Backend;
import io.kincir.memory.InMemoryBroker;
import io.kincir.spring.KincirListener;
import io.kincir.spring.KincirListenerRegistry;
import io.kincir.spring.KincirTemplate;
import io.kincir.spring.TestBackend;
import io.kincir.spring.metrics.KincirListenerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class KincirMetricsAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(InMemoryBackendAutoConfiguration.class, KincirAutoConfiguration.class,
                    KincirMetricsAutoConfiguration.class))
            .withPropertyValues(TestBackend.IN_MEMORY, "kincir.listener.backoff.initial=1ms",
                    "kincir.listener.backoff.max=1ms");

    @Test
    void publishingAndListeningAreCountedByTopicGroupAndBackend() {
        contextRunner.withUserConfiguration(Registry.class, Listeners.class).run(context -> {
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            sendAFineAndABadOrder(context);

            Tags listener = Tags.of("topic", "orders", "group", "application.orders", "backend", "in-memory");
            assertThat(meters.get("kincir.messages.published").tags("topic", "orders", "backend", "in-memory")
                    .counter().count()).isEqualTo(2);
            assertThat(meters.get("kincir.messages.published").tags("topic", "orders.dlq").counter().count())
                    .isEqualTo(1);
            assertThat(meters.get("kincir.messages.consumed").tags(listener).counter().count()).isEqualTo(2);
            assertThat(meters.get("kincir.messages.dead.lettered").tags(listener).counter().count()).isEqualTo(1);
        });
    }

    @Test
    void theTimersAreTheObservationsTaggedByTopicGroupBackendAndException() {
        contextRunner.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
                MetricsAutoConfiguration.class, KincirObservationAutoConfiguration.class))
                .withUserConfiguration(Registry.class, Listeners.class).run(context -> {
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    sendAFineAndABadOrder(context);

                    Tags listener = Tags.of("topic", "orders", "group", "application.orders", "backend", "in-memory");
                    assertThat(meters.get("kincir.handle").tags(listener).tag("exception", "none").timer().count())
                            .isEqualTo(1);
                    assertThat(meters.get("kincir.handle").tags(listener).tag("exception", "IllegalArgumentException")
                            .timer().count()).as("failed attempts").isEqualTo(3);
                    assertThat(meters.get("kincir.publish").tags("topic", "orders", "backend", "in-memory",
                            "exception", "none").timer().count()).isEqualTo(2);
                    assertThat(meters.find("kincir.listener").meters()).as("the container's own timer").isEmpty();
                    assertThat(meters.find("kincir.messages.failed").meters()).as("a count kincir.handle has")
                            .isEmpty();
                });
    }

    private static void sendAFineAndABadOrder(AssertableApplicationContext context) {
        KincirTemplate template = context.getBean(KincirTemplate.class);
        KincirListenerRegistry registry = context.getBean(KincirListenerRegistry.class);
        template.send("orders", "fine");
        template.send("orders", "bad");
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.container("orders").state().deadLettered() == 1
                && registry.container("orders").state().handled() == 1);
    }

    @Test
    void theBackendTagNamesTheBackendBeanTheApplicationDefinedNotTheProperty() {
        contextRunner.withUserConfiguration(Registry.class, OwnBackend.class)
                .withPropertyValues("kincir.backend=kafka").run(context -> {
                    context.getBean(KincirTemplate.class).send("orders", "fine");

                    assertThat(context.getBean(MeterRegistry.class).get("kincir.messages.published")
                            .tags("topic", "orders", "backend", "in-memory").counter().count()).isEqualTo(1);
                });
    }

    @Test
    void withoutAMeterRegistryThereAreNoMeters() {
        contextRunner.run(context -> assertThat(context).doesNotHaveBean(KincirListenerMetrics.class));
    }

    @Test
    void withoutMicrometerThereAreNoMeters() {
        contextRunner.withUserConfiguration(Registry.class)
                .withClassLoader(new FilteredClassLoader("io.micrometer.core"))
                .run(context -> assertThat(context).doesNotHaveBean(KincirListenerMetrics.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class Registry {

        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    /** The application's own backend bean, whatever kincir.backend says. */
    @Configuration(proxyBeanMethods = false)
    static class OwnBackend {

        @Bean(destroyMethod = "close")
        Backend backend() {
            return InMemoryBroker.withDefaultConfig();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Listeners {

        @KincirListener(id = "orders", topics = "orders")
        void onOrder(String order) {
            if (order.equals("bad")) {
                throw new IllegalArgumentException("bad order");
            }
        }
    }
}

package io.kincir.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kincir.spring.KincirListener;
import io.kincir.spring.KincirListenerRegistry;
import io.kincir.spring.KincirTemplate;
import io.kincir.spring.SendTo;
import io.kincir.spring.TestBackend;
import io.kincir.spring.observation.DefaultKincirRequestObservationConvention;
import io.kincir.spring.observation.KincirRequestObservationConvention;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class KincirObservationAutoConfigurationTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(InMemoryBackendAutoConfiguration.class, KincirAutoConfiguration.class,
                    KincirMetricsAutoConfiguration.class, KincirObservationAutoConfiguration.class))
            .withPropertyValues(TestBackend.IN_MEMORY, "kincir.listener.backoff.initial=1ms", "kincir.listener.backoff.max=1ms",
                    "kincir.listener.poll-timeout=100ms");

    @Test
    void publishesListenerInvocationsAndRequestsAreObserved() {
        contextRunner.withUserConfiguration(Observations.class, Listeners.class).run(context -> {
            TestObservationRegistry observations = context.getBean(TestObservationRegistry.class);
            KincirTemplate template = context.getBean(KincirTemplate.class);

            template.send("orders", "order-1");
            await().atMost(WAIT).untilAsserted(() -> TestObservationRegistryAssert.assertThat(observations)
                    .hasAnObservation(observed -> observed.hasContextualNameEqualTo("quotes publish")));
            String price = template.sendAndReceive("prices", "tea", String.class, WAIT);

            assertThat(price).isEqualTo("3 for tea");
            TestObservationRegistryAssert.assertThat(observations)
                    .hasAnObservation(observed -> observed.hasContextualNameEqualTo("orders publish")
                            .hasLowCardinalityKeyValue("backend", "in-memory").doesNotHaveParentObservation())
                    .hasAnObservation(observed -> observed.hasContextualNameEqualTo("orders handle")
                            .hasLowCardinalityKeyValue("listener", "orders")
                            .hasLowCardinalityKeyValue("group", "application.orders"))
                    .hasAnObservation(observed -> observed.hasContextualNameEqualTo("quotes publish")
                            .hasParentObservationContextMatching(named("orders handle")))
                    .hasAnObservation(observed -> observed.hasContextualNameEqualTo("prices request")
                            .hasHighCardinalityKeyValue("kincir.reply_to", template.replyTopic()))
                    .hasAnObservation(observed -> observed.hasContextualNameEqualTo("prices publish")
                            .hasParentObservationContextMatching(named("prices request")));
        });
    }

    @Test
    void theBackendTagNamesTheBackendBeanNotTheProperty() {
        contextRunner.withUserConfiguration(Observations.class, KincirMetricsAutoConfigurationTests.OwnBackend.class)
                .withPropertyValues("kincir.backend=kafka").run(context -> {
                    context.getBean(KincirTemplate.class).send("orders", "order-1");

                    TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
                            .hasSingleObservationThat().hasLowCardinalityKeyValue("backend", "in-memory");
                });
    }

    @Test
    void theApplicationsConventionReplacesTheDefault() {
        contextRunner.withUserConfiguration(Observations.class, Listeners.class, RequestConvention.class)
                .run(context -> {
                    context.getBean(KincirTemplate.class).sendAndReceive("prices", "tea", String.class, WAIT);

                    TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
                            .hasObservationWithNameEqualTo("shop.request");
                });
    }

    @Test
    void thePropertyTurnsObservationsOff() {
        contextRunner.withUserConfiguration(Observations.class).withPropertyValues("kincir.observation.enabled=false")
                .run(context -> {
                    assertThat(context).doesNotHaveBean("kincirPublisherObservation")
                            .doesNotHaveBean("kincirListenerObservation").doesNotHaveBean("kincirTemplateObservation");
                    context.getBean(KincirTemplate.class).send("orders", "order-1");

                    TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
                            .doesNotHaveAnyObservation();
                });
    }

    @Test
    void withoutAnObservationRegistryNothingIsObserved() {
        contextRunner.run(context -> assertThat(context).doesNotHaveBean("kincirPublisherObservation")
                .doesNotHaveBean("kincirListenerObservation").doesNotHaveBean("kincirTemplateObservation")
                .doesNotHaveBean(MeterRegistry.class));
    }

    @Test
    void theListenerTimerDerivesFromTheObservationTaggedWithTheException() {
        contextRunner.withUserConfiguration(KincirMetricsAutoConfigurationTests.Registry.class, MeteredObservations.class,
                Listeners.class).run(context -> {
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            KincirTemplate template = context.getBean(KincirTemplate.class);
            KincirListenerRegistry registry = context.getBean(KincirListenerRegistry.class);

            template.send("orders", "order-1");
            template.send("orders", "bad");
            await().atMost(WAIT).until(() -> registry.container("orders").state().deadLettered() == 1);

            assertThat(meters.get("kincir.handle").tags("topic", "orders", "group", "application.orders", "listener",
                    "orders", "backend", "in-memory", "exception", "none").timer().count()).isEqualTo(1);
            assertThat(meters.get("kincir.handle").tags("topic", "orders", "exception", "IllegalArgumentException")
                    .timer().count()).as("each failed attempt").isEqualTo(3);
            assertThat(meters.get("kincir.publish").tags("topic", "orders", "backend", "in-memory", "exception", "none")
                    .timer().count()).isEqualTo(2);
            assertThat(meters.get("kincir.publish").tags("topic", "orders.dlq").timer().count()).isEqualTo(1);
        });
    }

    /** For the assertions of {@code hasAnObservation}, which are raw types. */
    private static Predicate<Object> named(String contextualName) {
        return parent -> contextualName.equals(((Observation.ContextView) parent).getContextualName());
    }

    @Configuration(proxyBeanMethods = false)
    static class Observations {

        @Bean
        TestObservationRegistry observationRegistry() {
            return TestObservationRegistry.create();
        }
    }

    /** Timers from observations, as Spring Boot registers them when a {@code MeterRegistry} exists. */
    @Configuration(proxyBeanMethods = false)
    static class MeteredObservations {

        @Bean
        ObservationRegistry observationRegistry(MeterRegistry meters) {
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig().observationHandler(
                    new DefaultMeterObservationHandler(meters));
            return registry;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class RequestConvention {

        @Bean
        KincirRequestObservationConvention requestConvention() {
            return new DefaultKincirRequestObservationConvention() {
                @Override
                public String getName() {
                    return "shop.request";
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Listeners {

        @KincirListener(id = "orders", topics = "orders")
        @SendTo("quotes")
        String onOrder(String order) {
            if (order.equals("bad")) {
                throw new IllegalArgumentException("bad order");
            }
            return "quote for " + order;
        }

        @KincirListener(id = "prices", topics = "prices")
        String price(String item) {
            return "3 for " + item;
        }
    }
}

package io.kincir.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kincir.Backend;
import io.kincir.BrokerShutdownException;
import io.kincir.Message;
import io.kincir.Publisher;
import io.kincir.QueueFullException;
import io.kincir.memory.InMemoryBroker;
import io.kincir.spring.KincirListener;
import io.kincir.spring.ReceiveFailingBackend;
import io.kincir.spring.health.KincirHealthIndicator;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class KincirHealthContributorAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(InMemoryBackendAutoConfiguration.class, KincirAutoConfiguration.class,
                    KincirHealthContributorAutoConfiguration.class));

    @Test
    void theIndicatorIsUpWithTheBackendDetailsAndEveryListener() {
        contextRunner.withUserConfiguration(OneListener.class).run(context -> {
            assertThat(context).hasSingleBean(KincirHealthIndicator.class).hasBean("kincirHealthIndicator");
            Health health = context.getBean(KincirHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("backend", "in-memory").containsKeys("topics",
                    "queuedMessages", "memoryEstimateBytes");
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> listeners = (Map<String, Map<String, Object>>) health.getDetails()
                    .get("listeners");
            assertThat(listeners).containsOnlyKeys("orders");
            assertThat(listeners.get("orders")).containsEntry("running", true).containsEntry("consumers", 1)
                    .containsEntry("group", "application.orders").containsEntry("handled", 0L)
                    .doesNotContainKey("lastError");
        });
    }

    @Test
    void aListenerWithParkedMessagesShowsThemAndStaysUp() {
        contextRunner.withUserConfiguration(FailingListener.class, RefusingDeadLetters.class)
                .withPropertyValues("kincir.listener.max-attempts=1", "kincir.listener.dead-letter-attempts=2",
                        "kincir.listener.recovery-interval=10ms")
                .run(context -> {
                    context.getBean(Publisher.class).publish("orders", Message.of("order-1"));
                    KincirHealthIndicator indicator = context.getBean(KincirHealthIndicator.class);

                    await().atMost(Duration.ofSeconds(10)).until(() -> listener(indicator.health(), "orders")
                            .get("parked").equals(1L));
                    Health health = indicator.health();
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(listener(health, "orders")).containsEntry("deadLettered", 0L)
                            .containsEntry("missingConsumers", 0);
                });
    }

    @Test
    void aRunningListenerShortOfConsumersIsDown() {
        contextRunner.withUserConfiguration(OneListener.class, EndingConsumers.class).run(context -> {
            KincirHealthIndicator indicator = context.getBean(KincirHealthIndicator.class);
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

            context.getBean(EndingConsumers.class).backend
                    .failAckReceives(new BrokerShutdownException("The test ended this consumer"));

            await().atMost(Duration.ofSeconds(10)).until(() -> listener(indicator.health(), "orders")
                    .get("consumers").equals(0));
            Health health = indicator.health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(listener(health, "orders")).containsEntry("running", true).containsEntry("missingConsumers", 1);
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> listener(Health health, String id) {
        return ((Map<String, Map<String, Object>>) health.getDetails().get("listeners")).get(id);
    }

    @Test
    void theIndicatorIsDownWhenTheBackendIs() {
        contextRunner.run(context -> {
            context.getBean(InMemoryBroker.class).shutdown();
            Health health = context.getBean(KincirHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("error", "The in-memory broker was shut down");
        });
    }

    @Test
    void managementHealthKincirEnabledFalseTurnsItOff() {
        contextRunner.withPropertyValues("management.health.kincir.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(KincirHealthIndicator.class));
    }

    @Test
    void withoutSpringBootHealthThereIsNoIndicator() {
        contextRunner.withClassLoader(new FilteredClassLoader(AbstractHealthIndicator.class))
                .run(context -> assertThat(context).doesNotHaveBean("kincirHealthIndicator"));
    }

    @Configuration(proxyBeanMethods = false)
    static class FailingListener {

        @KincirListener(id = "orders", topics = "orders")
        void onOrder(String order) {
            throw new IllegalStateException("cannot handle " + order);
        }
    }

    /** A dead-letter topic that refuses every message, as a full queue or an ACL would. */
    @Configuration(proxyBeanMethods = false)
    static class RefusingDeadLetters {

        @Bean
        Publisher publisher(Backend backend) {
            Publisher publisher = backend.publisher();
            return (topic, messages) -> {
                if (topic.endsWith(".dlq")) {
                    throw new QueueFullException(topic, "The queue of topic '" + topic + "' is full");
                }
                publisher.publish(topic, messages);
            };
        }
    }

    /** An in-memory broker whose consumers end as if it shut down, while its health still says UP. */
    @Configuration(proxyBeanMethods = false)
    static class EndingConsumers {

        final ReceiveFailingBackend backend = new ReceiveFailingBackend(InMemoryBroker.withDefaultConfig());

        @Bean
        Backend backend() {
            return backend;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OneListener {

        @KincirListener(id = "orders", topics = "orders")
        void onOrder(String order) {
        }
    }
}

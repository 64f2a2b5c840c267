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
import io.kincir.spring.KincirListenerRegistry;
import io.kincir.spring.ReceiveFailingBackend;
import io.kincir.spring.TestBackend;
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
                    KincirHealthContributorAutoConfiguration.class)).withPropertyValues(TestBackend.IN_MEMORY);

    @Test
    void theIndicatorIsUpWithTheBackendDetailsAndEveryListener() {
        contextRunner.withUserConfiguration(OneListener.class).run(context -> {
            assertThat(context).hasSingleBean(KincirHealthIndicator.class).hasBean("kincirHealthIndicator");
            Health health = context.getBean(KincirHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("backend", "in-memory").containsKeys("topics",
                    "queuedMessages", "memoryEstimateBytes");
            assertThat(listeners(health)).containsExactly(Map.entry("orders", "RUNNING"));
        });
    }

    @Test
    void aPausedOrStoppedListenerLeavesTheHealthUpByDefault() {
        contextRunner.withUserConfiguration(OneListener.class).run(context -> {
            KincirHealthIndicator indicator = context.getBean(KincirHealthIndicator.class);
            KincirListenerRegistry registry = context.getBean(KincirListenerRegistry.class);

            registry.container("orders").pause();
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
            assertThat(listeners(indicator.health())).containsEntry("orders", "PAUSED");

            registry.stop("orders");
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
            assertThat(listeners(indicator.health())).containsEntry("orders", "STOPPED");
        });
    }

    @Test
    void aStoppedListenerIsDownWhenConfiguredSo() {
        contextRunner.withUserConfiguration(OneListener.class)
                .withPropertyValues("kincir.health.stopped-listener-down=true").run(context -> {
                    KincirHealthIndicator indicator = context.getBean(KincirHealthIndicator.class);
                    KincirListenerRegistry registry = context.getBean(KincirListenerRegistry.class);
                    assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
                    registry.container("orders").pause();
                    assertThat(indicator.health().getStatus()).as("paused is not stopped").isEqualTo(Status.UP);

                    registry.stop("orders");

                    assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
                    assertThat(listeners(indicator.health())).containsEntry("orders", "STOPPED");
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

                    KincirListenerRegistry registry = context.getBean(KincirListenerRegistry.class);
                    await().atMost(Duration.ofSeconds(10)).until(() -> registry.container("orders").state().parked() == 1);
                    Health health = indicator.health();
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(listeners(health)).containsEntry("orders", "RUNNING");
                });
    }

    @Test
    void aRunningListenerShortOfConsumersIsDown() {
        contextRunner.withUserConfiguration(OneListener.class, EndingConsumers.class).run(context -> {
            KincirHealthIndicator indicator = context.getBean(KincirHealthIndicator.class);
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

            context.getBean(EndingConsumers.class).backend
                    .failAckReceives(new BrokerShutdownException("The test ended this consumer"));

            await().atMost(Duration.ofSeconds(10)).until(() -> listeners(indicator.health()).get("orders")
                    .equals("MISSING_CONSUMERS"));
            assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> listeners(Health health) {
        return (Map<String, String>) health.getDetails().get("listeners");
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

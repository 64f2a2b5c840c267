package io.kincir.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.memory.InMemoryBroker;
import io.kincir.spring.KincirListener;
import io.kincir.spring.health.KincirHealthIndicator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
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
    static class OneListener {

        @KincirListener(id = "orders", topics = "orders")
        void onOrder(String order) {
        }
    }
}

package io.kincir.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.Backend;
import io.kincir.Publisher;
import io.kincir.memory.InMemoryBroker;
import io.kincir.memory.InMemoryConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class KincirAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KincirAutoConfiguration.class));

    @Test
    void theInMemoryBrokerIsTheDefaultBackend() {
        contextRunner.run(context -> {
            assertThat(context).hasSingleBean(Backend.class).hasSingleBean(InMemoryBroker.class)
                    .hasSingleBean(Publisher.class);
            assertThat(context.getBean(InMemoryBroker.class).config()).isEqualTo(InMemoryConfig.defaults());
        });
    }

    @Test
    void everyMemoryPropertyReachesTheBroker() {
        contextRunner.withPropertyValues("kincir.backend=in-memory", "kincir.memory.max-queue-size=100",
                "kincir.memory.max-topics=20", "kincir.memory.maintain-order=false", "kincir.memory.message-ttl=30s",
                "kincir.memory.cleanup-interval=5s", "kincir.memory.stats=true",
                "kincir.memory.max-subscribers-per-topic=4", "kincir.memory.publish-timeout=250ms")
                .run(context -> assertThat(context.getBean(InMemoryBroker.class).config()).isEqualTo(
                        InMemoryConfig.defaults().withMaxQueueSize(100).withMaxTopics(20).withMaintainOrder(false)
                                .withMessageTtl(Duration.ofSeconds(30)).withCleanupInterval(Duration.ofSeconds(5))
                                .withStats(true).withMaxSubscribersPerTopic(4)
                                .withPublishTimeout(Duration.ofMillis(250))));
    }

    @Test
    void propertyDefaultsMatchTheBrokerDefaults() {
        assertThat(new KincirProperties().getMemory().toConfig()).isEqualTo(InMemoryConfig.defaults());
    }

    @Test
    void aUserDefinedBackendWins() {
        contextRunner.withUserConfiguration(OwnBackend.class).run(context -> {
            assertThat(context).hasSingleBean(Backend.class).hasBean("ownBackend");
            assertThat(context.getBean(InMemoryBroker.class).config().stats()).isTrue();
        });
    }

    @Test
    void theBrokerShutsDownWithTheContext() {
        contextRunner.run(context -> {
            InMemoryBroker broker = context.getBean(InMemoryBroker.class);
            context.close();
            assertThat(broker.isShutdown()).isTrue();
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBackend {

        @Bean
        InMemoryBroker ownBackend() {
            return new InMemoryBroker(InMemoryConfig.forTesting());
        }
    }
}

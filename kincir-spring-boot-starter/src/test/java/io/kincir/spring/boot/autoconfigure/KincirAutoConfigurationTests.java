package io.kincir.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kincir.Backend;
import io.kincir.Publisher;
import io.kincir.listener.AckMode;
import io.kincir.listener.ListenerContainer;
import io.kincir.listener.RetryPolicy;
import io.kincir.memory.InMemoryBroker;
import io.kincir.memory.InMemoryConfig;
import io.kincir.spring.Backoff;
import io.kincir.spring.InvalidKincirListenerException;
import io.kincir.spring.KincirListener;
import io.kincir.spring.KincirListenerDefaults;
import io.kincir.spring.KincirListenerRegistry;
import io.kincir.spring.KincirTemplate;
import io.kincir.spring.TestBackend;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.autoconfigure.context.LifecycleProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

class KincirAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(InMemoryBackendAutoConfiguration.class, KincirAutoConfiguration.class,
                    JacksonAutoConfiguration.class))
            .withPropertyValues(TestBackend.IN_MEMORY);

    @Test
    void theInMemoryBrokerHasItsDefaultConfiguration() {
        contextRunner.run(context -> {
            assertThat(context).hasSingleBean(Backend.class).hasSingleBean(InMemoryBroker.class)
                    .hasSingleBean(Publisher.class).hasSingleBean(KincirTemplate.class)
                    .hasSingleBean(KincirListenerRegistry.class);
            assertThat(context.getBean(InMemoryBroker.class).config()).isEqualTo(InMemoryConfig.defaults());
        });
    }

    @Test
    void theBackendNameIsReadInAnySpellingTheBinderAccepts() {
        contextRunner.withPropertyValues("kincir.backend=IN_MEMORY")
                .run(context -> assertThat(context).hasSingleBean(InMemoryBroker.class));
    }

    @Test
    void everyMemoryPropertyReachesTheBroker() {
        contextRunner.withPropertyValues("kincir.backend=in-memory", "kincir.memory.max-queue-size=100",
                "kincir.memory.max-topics=20", "kincir.memory.maintain-order=false", "kincir.memory.message-ttl=30s",
                "kincir.memory.cleanup-interval=5s", "kincir.memory.stats=true",
                "kincir.memory.max-subscribers-per-topic=4", "kincir.memory.publish-timeout=250ms",
                "kincir.memory.receiver-spin=50us")
                .run(context -> assertThat(context.getBean(InMemoryBroker.class).config()).isEqualTo(
                        InMemoryConfig.defaults().withMaxQueueSize(100).withMaxTopics(20).withMaintainOrder(false)
                                .withMessageTtl(Duration.ofSeconds(30)).withCleanupInterval(Duration.ofSeconds(5))
                                .withStats(true).withMaxSubscribersPerTopic(4)
                                .withPublishTimeout(Duration.ofMillis(250)).withReceiverSpin(Duration.ofNanos(50_000))));
    }

    @Test
    void propertyDefaultsMatchTheBrokerDefaults() {
        assertThat(new KincirProperties().getMemory().toConfig()).isEqualTo(InMemoryConfig.defaults());
    }

    @Test
    void listenerPropertyDefaultsMatchTheContainerDefaults() {
        KincirListenerDefaults defaults = new KincirProperties().getListener().toDefaults();
        ListenerContainer container = ListenerContainer.builder(InMemoryBroker.withDefaultConfig()).topics("t")
                .group("g").handler(message -> { }).build();

        assertThat(defaults.concurrency()).isEqualTo(container.concurrency());
        assertThat(defaults.ackMode()).isEqualTo(container.ackMode());
        assertThat(defaults.retryPolicy()).isEqualTo(container.retryPolicy()).isEqualTo(RetryPolicy.defaults());
        assertThat("t" + defaults.deadLetterSuffix()).isEqualTo(container.deadLetterTopic("t"));
        assertThat(defaults.deadLetterGroup()).isEqualTo(container.deadLetterGroup());
        assertThat(defaults.pollTimeout()).isEqualTo(container.pollTimeout());
        assertThat(defaults.deadLetterAttempts()).isEqualTo(container.deadLetterAttempts());
        assertThat(defaults.shutdownTimeout()).as("fits Spring Boot's 30 s shutdown phase, unlike the container's own")
                .isLessThan(container.shutdownTimeout());
        assertThat(defaults.recoveryInterval()).isEqualTo(container.recoveryInterval());
        assertThat(defaults.autoStartup()).isTrue();
        ListenerContainer batch = ListenerContainer.builder(InMemoryBroker.withDefaultConfig()).topics("t").group("g")
                .batchHandler(messages -> { }).build();
        assertThat(defaults.batchSize()).isEqualTo(batch.batchSize());
        assertThat(defaults.batchTimeout()).isEqualTo(batch.batchTimeout());
    }

    @Test
    void everyListenerPropertyReachesTheContainers() {
        contextRunner.withUserConfiguration(PlainListener.class).withPropertyValues("kincir.listener.concurrency=3",
                "kincir.listener.ack-mode=at-most-once", "kincir.listener.max-attempts=5",
                "kincir.listener.backoff.initial=100ms", "kincir.listener.backoff.multiplier=1.5",
                "kincir.listener.backoff.max=2s", "kincir.listener.dead-letter-suffix=.failed",
                "kincir.listener.dead-letter-group=archive", "kincir.listener.poll-timeout=250ms",
                "kincir.listener.shutdown-timeout=7s", "kincir.listener.recovery-interval=3s",
                "kincir.listener.dead-letter-attempts=5", "kincir.listener.auto-startup=false").run(context -> {
                    ListenerContainer container = context.getBean(KincirListenerRegistry.class).container("plain");
                    assertThat(container.concurrency()).isEqualTo(3);
                    assertThat(container.ackMode()).isEqualTo(AckMode.AT_MOST_ONCE);
                    assertThat(container.retryPolicy())
                            .isEqualTo(RetryPolicy.of(5, Duration.ofMillis(100), 1.5, Duration.ofSeconds(2)));
                    assertThat(container.deadLetterTopic("orders")).isEqualTo("orders.failed");
                    assertThat(container.deadLetterGroup()).isEqualTo("archive");
                    assertThat(container.pollTimeout()).isEqualTo(Duration.ofMillis(250));
                    assertThat(container.shutdownTimeout()).isEqualTo(Duration.ofSeconds(7));
                    assertThat(container.recoveryInterval()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(container.deadLetterAttempts()).isEqualTo(5);
                    assertThat(container.isRunning()).as("auto-startup=false").isFalse();
                });
    }

    @Test
    void listenersStopWithinSpringBootsDefaultShutdownPhase() {
        contextRunner.withConfiguration(AutoConfigurations.of(LifecycleAutoConfiguration.class))
                .withUserConfiguration(PlainListener.class).run(context -> {
                    Duration phase = context.getBean(LifecycleProperties.class).getTimeoutPerShutdownPhase();
                    assertThat(context.getBean(KincirListenerRegistry.class).stopTimeout()).isLessThan(phase);
                });
    }

    @Test
    void theShutdownTimeoutFollowsAShorterShutdownPhase() {
        contextRunner.withConfiguration(AutoConfigurations.of(LifecycleAutoConfiguration.class))
                .withUserConfiguration(PlainListener.class)
                .withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=12s").run(context -> {
                    Duration phase = context.getBean(LifecycleProperties.class).getTimeoutPerShutdownPhase();
                    KincirListenerRegistry registry = context.getBean(KincirListenerRegistry.class);
                    assertThat(phase).isEqualTo(Duration.ofSeconds(12));
                    assertThat(registry.container("plain").shutdownTimeout()).isEqualTo(Duration.ofSeconds(7));
                    assertThat(registry.stopTimeout()).isLessThan(phase);
                });
    }

    @Test
    void aShutdownTimeoutThatDoesNotFitTheShutdownPhaseFailsTheStartupNamingBothProperties() {
        contextRunner.withUserConfiguration(PlainListener.class)
                .withPropertyValues("kincir.listener.shutdown-timeout=30s").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .isInstanceOf(InvalidKincirListenerException.class)
                            .hasMessageContaining("kincir.listener.shutdown-timeout")
                            .hasMessageContaining("spring.lifecycle.timeout-per-shutdown-phase");
                });
    }

    @Test
    void listenersStartWithTheContextAndStopWithIt() {
        contextRunner.withUserConfiguration(PlainListener.class).run(context -> {
            ListenerContainer container = context.getBean(KincirListenerRegistry.class).container("plain");
            assertThat(container.isRunning()).isTrue();
            context.close();
            assertThat(container.isRunning()).isFalse();
            assertThat(container.state().consumers()).isZero();
        });
    }

    @Test
    void closingTheContextLetsAHandlerInFlightFinishAndAcknowledge() {
        contextRunner.withUserConfiguration(SlowListener.class).run(context -> {
            SlowListener listener = context.getBean(SlowListener.class);
            InMemoryBroker broker = context.getBean(InMemoryBroker.class);
            ListenerContainer container = context.getBean(KincirListenerRegistry.class).container("slow");
            context.getBean(KincirTemplate.class).send("slow", "order-1");
            assertThat(listener.started.await(10, TimeUnit.SECONDS)).isTrue();

            Thread closer = new Thread(context::close);
            closer.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> !container.isRunning());
            assertThat(closer.isAlive()).as("the close waits for the handler").isTrue();
            listener.release.countDown();
            closer.join(10_000);

            assertThat(closer.isAlive()).isFalse();
            assertThat(listener.finished).containsExactly("order-1");
            assertThat(broker.healthCheck().queuedMessages()).as("acknowledged, not returned to the group").isZero();
            assertThat(broker.isShutdown()).as("the backend closes after the listeners stopped").isTrue();
        });
    }

    @Test
    void annotationAttributesOverrideThePropertiesWithPlaceholdersResolved() {
        contextRunner.withUserConfiguration(TunedListener.class).withPropertyValues("kincir.listener.concurrency=3",
                "app.topics=orders,refunds", "app.concurrency=2", "app.group=billing").run(context -> {
                    ListenerContainer container = context.getBean(KincirListenerRegistry.class).container("tuned");
                    assertThat(container.topics()).containsExactly("orders", "refunds", "audit");
                    assertThat(container.group()).isEqualTo("billing");
                    assertThat(container.concurrency()).isEqualTo(2);
                    assertThat(container.ackMode()).isEqualTo(AckMode.AT_MOST_ONCE);
                    assertThat(container.retryPolicy())
                            .isEqualTo(RetryPolicy.of(4, Duration.ofMillis(50), 3.0, Duration.ofMillis(400)));
                    assertThat(container.deadLetterTopic("orders")).isEqualTo("failures");
                    assertThat(container.isRunning()).isFalse();
                });
    }

    @Test
    void theDefaultIdIsBeanAndMethodAndTheDefaultGroupAddsTheApplicationName() {
        contextRunner.withUserConfiguration(PlainListener.class, UnnamedListener.class)
                .withPropertyValues("spring.application.name=shop").run(context -> {
                    KincirListenerRegistry registry = context.getBean(KincirListenerRegistry.class);
                    assertThat(registry.container("unnamed.onOrder").group()).isEqualTo("shop.unnamed.onOrder");
                    assertThat(registry.container("plain").group()).isEqualTo("shop.plain");
                });
        contextRunner.withUserConfiguration(UnnamedListener.class).run(context -> assertThat(
                context.getBean(KincirListenerRegistry.class).container("unnamed.onOrder").group())
                .isEqualTo("application.unnamed.onOrder"));
    }

    @Test
    void anEmptyDeadLetterTopicTurnsDeadLetteringOff() {
        contextRunner.withUserConfiguration(NoDeadLetters.class).run(context -> assertThat(
                context.getBean(KincirListenerRegistry.class).container("noDeadLetters").deadLetterTopic("orders"))
                .isEmpty());
    }

    @Test
    void theReplyTopicCanBeNamed() {
        contextRunner.withPropertyValues("kincir.template.reply-topic=shop.replies")
                .run(context -> assertThat(context.getBean(KincirTemplate.class).replyTopic()).isEqualTo("shop.replies"));
        contextRunner.withPropertyValues("spring.application.name=shop")
                .run(context -> assertThat(context.getBean(KincirTemplate.class).replyTopic())
                        .isEqualTo("kincir.replies.shop"));
        contextRunner.run(context -> assertThat(context.getBean(KincirTemplate.class).replyTopic())
                .isEqualTo("kincir.replies.application"));
    }

    @Test
    void aUserDefinedBackendWins() {
        contextRunner.withUserConfiguration(OwnBackend.class).run(context -> {
            assertThat(context).hasSingleBean(Backend.class).hasBean("ownBackend");
            assertThat(context.getBean(InMemoryBroker.class).config().stats()).isTrue();
        });
    }

    @Test
    void userDefinedPublisherTemplateAndRegistryWin() {
        contextRunner.withUserConfiguration(OwnBeans.class).run(context -> {
            assertThat(context).hasSingleBean(Publisher.class).hasBean("ownPublisher");
            assertThat(context).hasSingleBean(KincirTemplate.class).hasBean("ownTemplate");
            assertThat(context).hasSingleBean(KincirListenerRegistry.class).hasBean("ownRegistry");
        });
    }

    @Test
    void publisherDecoratorsWrapThePublisherInOrder() {
        contextRunner.withUserConfiguration(Decorators.class).run(context -> {
            context.getBean(Publisher.class).publish("t", io.kincir.Message.of("x"));
            assertThat(context.getBean(Decorators.class).calls).containsExactly("outer", "inner");
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

    @Configuration(proxyBeanMethods = false)
    static class OwnBeans {

        @Bean
        Publisher ownPublisher(Backend backend) {
            return backend.publisher();
        }

        @Bean
        KincirTemplate ownTemplate(Backend backend, Publisher publisher) {
            return new KincirTemplate(backend, publisher, JsonMapper.builder().build());
        }

        @Bean
        KincirListenerRegistry ownRegistry(Backend backend, Publisher publisher) {
            return new KincirListenerRegistry(backend, publisher, JsonMapper.builder().build(),
                    new KincirProperties().getListener().toDefaults(), io.kincir.listener.ListenerObserver.NONE,
                    List.of());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Decorators {

        final List<String> calls = new CopyOnWriteArrayList<>();

        @Bean
        @org.springframework.core.annotation.Order(1)
        KincirPublisherDecorator inner() {
            return publisher -> (topic, messages) -> {
                calls.add("inner");
                publisher.publish(topic, messages);
            };
        }

        @Bean
        @org.springframework.core.annotation.Order(2)
        KincirPublisherDecorator outer() {
            return publisher -> (topic, messages) -> {
                calls.add("outer");
                publisher.publish(topic, messages);
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class PlainListener {

        @KincirListener(id = "plain", topics = "orders")
        void onOrder(String order) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class SlowListener {

        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> finished = new CopyOnWriteArrayList<>();

        @KincirListener(id = "slow", topics = "slow")
        void onOrder(String order) throws InterruptedException {
            started.countDown();
            release.await();
            finished.add(order);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TunedListener {

        @KincirListener(id = "tuned", topics = {"${app.topics}", "audit"}, group = "${app.group}",
                concurrency = "${app.concurrency}", ackMode = "at-most-once", maxAttempts = "4",
                backoff = @Backoff(initial = "50ms", multiplier = "3", max = "400ms"), deadLetterTopic = "failures",
                autoStartup = "false")
        void onOrder(String order) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UnnamedListener {

        @Bean
        Unnamed unnamed() {
            return new Unnamed();
        }
    }

    static class Unnamed {

        @KincirListener(topics = "orders")
        void onOrder(String order) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class NoDeadLetters {

        @KincirListener(id = "noDeadLetters", topics = "orders", deadLetterTopic = "")
        void onOrder(String order) {
        }
    }
}

package io.kincir.spring.boot.autoconfigure;

import static io.kincir.spring.boot.autoconfigure.KincirStartupFailureTests.failsWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.Backend;
import io.kincir.Message;
import io.kincir.Publisher;
import io.kincir.Subscriber;
import io.kincir.memory.InMemoryBroker;
import io.kincir.redis.RedisBackend;
import io.kincir.redis.RedisSettings;
import io.kincir.redis.TestRedis;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.ClassUtils;

class RedisBackendAutoConfigurationTests {

    // Kincir's auto-configurations first: the runner sorts them as an application does, so the Redis
    // backend finds Boot's connection factory only if its ordering after DataRedisAutoConfiguration holds.
    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(InMemoryBackendAutoConfiguration.class,
                    RedisBackendAutoConfiguration.class, KincirAutoConfiguration.class, DataRedisAutoConfiguration.class));

    private final TestRedis redis = new TestRedis();

    @AfterEach
    void deleteKeys() {
        redis.close();
    }

    @Test
    void kincirBackendRedisGivesARedisBackendWithDefaultSettings() {
        contextRunner.withPropertyValues("kincir.backend=redis").run(context -> {
            assertThat(context).hasSingleBean(Backend.class).hasSingleBean(RedisBackend.class)
                    .doesNotHaveBean(InMemoryBroker.class).hasSingleBean(Publisher.class);
            assertThat(context.getBean(RedisBackend.class).settings()).isEqualTo(RedisSettings.defaults());
        });
    }

    @Test
    void everyKincirRedisPropertyReachesTheBackend() {
        contextRunner.withPropertyValues("kincir.backend=redis", "kincir.redis.key-prefix=app:",
                "kincir.redis.max-length=5000", "kincir.redis.read-count=10", "kincir.redis.block-time=2s",
                "kincir.redis.claim-interval=3s", "kincir.redis.claim-idle-time=4m",
                "kincir.redis.idle-consumer-timeout=2h", "kincir.redis.delay-check-interval=50ms")
                .run(context -> assertThat(context.getBean(RedisBackend.class).settings()).isEqualTo(
                        new RedisSettings("app:", 5000, 10, Duration.ofSeconds(2), Duration.ofSeconds(3),
                                Duration.ofMinutes(4), Duration.ofHours(2), Duration.ofMillis(50))));
    }

    @Test
    void propertyDefaultsMatchTheBackendDefaults() {
        assertThat(RedisBackendAutoConfiguration.RedisBackendConfiguration.settings(new KincirProperties().getRedis()))
                .isEqualTo(RedisSettings.defaults());
    }

    @Test
    void theConnectionComesFromSpringDataRedisProperties() {
        int closedPort = ClosedPort.find();
        contextRunner.withPropertyValues("kincir.backend=redis", "spring.data.redis.host=127.0.0.1",
                "spring.data.redis.port=" + closedPort).run(context -> {
                    // The Redis on the default localhost:6379 runs: down means the configured port was used.
                    RedisBackend backend = context.getBean(RedisBackend.class);
                    assertThat(backend.health().up()).isFalse();
                    assertThat(String.valueOf(backend.health().details().get("error"))).contains("Connection refused");
                });
    }

    @Test
    void theBackendLeavesBootsClientRunningWhenItCloses() {
        contextRunner.withPropertyValues("kincir.backend=redis").run(context -> {
            context.getBean(RedisBackend.class).close();
            assertThat(context.getBean(LettuceConnectionFactory.class).getRequiredNativeClient()).isNotNull();
            assertThat(context.getBean(LettuceConnectionFactory.class).getConnection().ping()).isEqualTo("PONG");
        });
    }

    @Test
    void publishesAndReceivesThroughTheRealServer() {
        String prefix = redis.settings().keyPrefix();
        contextRunner.withPropertyValues("kincir.backend=redis", "spring.data.redis.host=127.0.0.1",
                "kincir.redis.key-prefix=" + prefix).run(context -> {
                    RedisBackend backend = context.getBean(RedisBackend.class);
                    try (Subscriber subscriber = backend.subscriber("starter")) {
                        subscriber.subscribe("orders");
                        context.getBean(Publisher.class).publish("orders", Message.of("through Boot"));

                        assertThat(subscriber.receive(Duration.ofSeconds(10))).map(Message::payloadAsString)
                                .contains("through Boot");
                    }
                });
    }

    @Test
    void springBootsRedisAutoConfigurationItRunsAfterIsOnTheClasspath() {
        String[] names = RedisBackendAutoConfiguration.class.getAnnotation(AutoConfiguration.class).afterName();

        assertThat(names).as("a Spring Boot upgrade renamed Boot's Redis auto-configuration")
                .anyMatch(name -> ClassUtils.isPresent(name, getClass().getClassLoader()));
    }

    @Test
    void withoutKincirRedisTheStartFailsNamingTheModule() {
        contextRunner.withPropertyValues("kincir.backend=redis")
                .withClassLoader(new FilteredClassLoader("io.kincir.redis")).run(failsWith(analysis -> {
                    assertThat(analysis.getDescription()).isEqualTo("kincir.backend is set to 'redis', but the "
                            + "redis backend module is not on the classpath.");
                    assertThat(analysis.getAction()).startsWith("Add the dependency io.kincir:kincir-redis, ")
                            .doesNotContain("spring-boot-starter-data-redis");
                }));
    }

    @Test
    void withoutSpringBootsRedisSupportTheStartFailsNamingItsStarter() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RedisBackendAutoConfiguration.class, KincirAutoConfiguration.class))
                .withPropertyValues("kincir.backend=redis")
                .withClassLoader(new FilteredClassLoader("org.springframework.boot.data.redis"))
                .run(failsWith(analysis -> {
                    assertThat(analysis.getDescription()).contains("Spring Boot's support for the broker")
                            .contains("is not on the classpath");
                    assertThat(analysis.getAction()).startsWith(
                            "Add the dependency org.springframework.boot:spring-boot-starter-data-redis")
                            .doesNotContain("io.kincir");
                }));
    }

    @Test
    void aUserDefinedBackendWins() {
        contextRunner.withPropertyValues("kincir.backend=redis")
                .withBean("ownBackend", Backend.class, InMemoryBroker::withDefaultConfig)
                .run(context -> assertThat(context).hasSingleBean(Backend.class).hasBean("ownBackend")
                        .doesNotHaveBean(RedisBackend.class));
    }
}

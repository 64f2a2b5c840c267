package io.kincir.spring.boot.autoconfigure;

import io.kincir.Backend;
import io.kincir.redis.RedisBackend;
import io.kincir.redis.RedisSettings;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * {@code kincir.backend=redis}: a {@link RedisBackend} on the Lettuce client of the
 * {@link LettuceConnectionFactory} that Spring Boot configures from {@code spring.data.redis.*} (host,
 * password, TLS, timeouts), with Kincir's own settings from {@code kincir.redis.*}. The backend does not
 * shut that client down: the factory does. Without kincir-redis or without the factory,
 * {@link MissingBackendConfiguration} fails the start-up naming the dependency to add.
 */
@AutoConfiguration(before = KincirAutoConfiguration.class,
        afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnKincirBackend("redis")
@EnableConfigurationProperties(KincirProperties.class)
public final class RedisBackendAutoConfiguration {

    @Bean
    BackendSupport kincirRedisSupport() {
        return new BackendSupport("redis", "org.springframework.boot:spring-boot-starter-data-redis",
                RedisBackendAutoConfiguration.class);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({RedisBackend.class, LettuceConnectionFactory.class})
    @ConditionalOnBean(LettuceConnectionFactory.class)
    static final class RedisBackendConfiguration {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(Backend.class)
        RedisBackend kincirBackend(LettuceConnectionFactory connectionFactory, KincirProperties properties) {
            // The factory creates its client when it starts, which a lazily started factory has not yet done.
            if (!connectionFactory.isRunning()) {
                connectionFactory.start();
            }
            AbstractRedisClient client = connectionFactory.getRequiredNativeClient();
            if (!(client instanceof RedisClient standalone)) {
                throw new IllegalStateException("kincir.backend=redis works with a standalone or Sentinel Redis, but "
                        + "spring.data.redis.* configures a " + client.getClass().getSimpleName() + ": Kincir's "
                        + "delayed messages touch several keys in one script, which a Redis Cluster refuses");
            }
            return RedisBackend.builder().redisClient(standalone).settings(settings(properties.getRedis())).build();
        }

        /** Here, not on the properties: they must bind without kincir-redis on the classpath. */
        static RedisSettings settings(KincirProperties.Redis redis) {
            return new RedisSettings(redis.getKeyPrefix(), redis.getMaxLength(), redis.getReadCount(),
                    redis.getBlockTime(), redis.getClaimInterval(), redis.getClaimIdleTime(),
                    redis.getIdleConsumerTimeout(), redis.getDelayCheckInterval());
        }
    }
}

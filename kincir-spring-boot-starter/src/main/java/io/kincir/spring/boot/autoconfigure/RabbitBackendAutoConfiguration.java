package io.kincir.spring.boot.autoconfigure;

import io.kincir.Backend;
import io.kincir.rabbitmq.RabbitBackend;
import io.kincir.rabbitmq.RabbitSettings;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code kincir.backend=rabbitmq}: a {@link RabbitBackend} on the {@link ConnectionFactory} and
 * {@link AmqpAdmin} that Spring Boot configures from {@code spring.rabbitmq.*} (or that the
 * application defines), with Kincir's own settings from {@code kincir.rabbitmq.*}. Without
 * kincir-rabbitmq or without a connection factory, {@link MissingBackendConfiguration} fails the
 * start-up naming the dependency to add.
 *
 * <p>It runs after Spring Boot's RabbitMQ auto-configuration under both of its names: Spring Boot
 * 4.2 moved it from spring-boot-amqp to a spring-boot-rabbitmq module, and an ordering by a name that
 * no longer exists would be dropped without a word.
 */
@AutoConfiguration(before = KincirAutoConfiguration.class, afterName = {
        "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
        "org.springframework.boot.rabbitmq.autoconfigure.RabbitAutoConfiguration"})
@ConditionalOnKincirBackend("rabbitmq")
@EnableConfigurationProperties(KincirProperties.class)
public final class RabbitBackendAutoConfiguration {

    @Bean
    BackendSupport kincirRabbitmqSupport() {
        return new BackendSupport("rabbitmq", "org.springframework.boot:spring-boot-starter-amqp",
                RabbitBackendAutoConfiguration.class);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RabbitBackend.class)
    @ConditionalOnBean(ConnectionFactory.class)
    static final class RabbitBackendConfiguration {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(Backend.class)
        RabbitBackend kincirBackend(ConnectionFactory connectionFactory, ObjectProvider<AmqpAdmin> amqpAdmin,
                KincirProperties properties) {
            RabbitBackend.Builder builder = RabbitBackend.builder()
                    .connectionFactory(connectionFactory)
                    .settings(settings(properties.getRabbitmq()));
            amqpAdmin.ifUnique(builder::amqpAdmin);
            return builder.build();
        }

        /** Here, not on the properties: they must bind without kincir-rabbitmq on the classpath. */
        static RabbitSettings settings(KincirProperties.Rabbitmq rabbitmq) {
            return new RabbitSettings(rabbitmq.getPrefetch(), rabbitmq.isMandatory(), rabbitmq.getConfirmTimeout(),
                    rabbitmq.isPersistent(), rabbitmq.getMaxPriority());
        }
    }
}

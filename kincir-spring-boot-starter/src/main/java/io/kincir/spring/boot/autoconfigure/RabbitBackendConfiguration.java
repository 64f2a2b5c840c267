package io.kincir.spring.boot.autoconfigure;

import io.kincir.Backend;
import io.kincir.rabbitmq.RabbitBackend;
import io.kincir.spring.boot.autoconfigure.KincirProperties.BackendType;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code kincir.backend=rabbitmq}: a {@link RabbitBackend} on the {@link ConnectionFactory} and
 * {@link AmqpAdmin} that Spring Boot configures from {@code spring.rabbitmq.*}, with Kincir's own
 * settings from {@code kincir.rabbitmq.*}. Without spring-rabbit, {@link MissingBackendConfiguration}
 * fails the start-up naming the dependency to add.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnKincirBackend(BackendType.RABBITMQ)
@ConditionalOnClass({ RabbitBackend.class, ConnectionFactory.class })
final class RabbitBackendConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(Backend.class)
    RabbitBackend kincirBackend(ConnectionFactory connectionFactory, ObjectProvider<AmqpAdmin> amqpAdmin,
            KincirProperties properties) {
        KincirProperties.Rabbitmq rabbitmq = properties.getRabbitmq();
        RabbitBackend.Builder builder = RabbitBackend.builder()
                .connectionFactory(connectionFactory)
                .prefetch(rabbitmq.getPrefetch())
                .mandatory(rabbitmq.isMandatory())
                .confirmTimeout(rabbitmq.getConfirmTimeout())
                .persistent(rabbitmq.isPersistent());
        amqpAdmin.ifUnique(builder::amqpAdmin);
        return builder.build();
    }
}

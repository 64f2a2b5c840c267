package io.kincir.spring.boot.autoconfigure;

import io.kincir.Backend;
import io.kincir.rabbitmq.RabbitBackend;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code kincir.backend=rabbitmq}: a {@link RabbitBackend} on the {@link ConnectionFactory} and
 * {@link AmqpAdmin} that Spring Boot configures from {@code spring.rabbitmq.*}, with Kincir's own
 * settings from {@code kincir.rabbitmq.*}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "kincir.backend", havingValue = "rabbitmq")
final class RabbitBackendConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ RabbitBackend.class, ConnectionFactory.class })
    static final class Backed {

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

    /** Fails start-up with the fix, instead of a missing {@link Backend} bean deep in the wiring. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("org.springframework.amqp.rabbit.connection.ConnectionFactory")
    static final class MissingSpringRabbit {

        @Bean
        @ConditionalOnMissingBean(Backend.class)
        Backend kincirBackend() {
            throw new IllegalStateException("kincir.backend=rabbitmq needs spring-rabbit on the class path: add "
                    + "org.springframework.boot:spring-boot-starter-amqp to the application's dependencies, or choose "
                    + "another kincir.backend");
        }
    }
}

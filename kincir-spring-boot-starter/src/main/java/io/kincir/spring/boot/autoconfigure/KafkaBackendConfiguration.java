package io.kincir.spring.boot.autoconfigure;

import io.kincir.Backend;
import io.kincir.kafka.KafkaBackend;
import io.kincir.spring.boot.autoconfigure.KincirProperties.BackendType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * {@code kincir.backend=kafka}: a {@link KafkaBackend} on the {@link ProducerFactory},
 * {@link ConsumerFactory} and {@link KafkaAdmin} that Spring Boot's Kafka auto-configuration builds
 * from {@code spring.kafka.*}, with Kincir's own settings from {@code kincir.kafka.*}. Without
 * spring-kafka, {@link MissingBackendConfiguration} fails the start-up naming the dependency to add.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnKincirBackend(BackendType.KAFKA)
@ConditionalOnClass({ KafkaTemplate.class, KafkaBackend.class })
final class KafkaBackendConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(Backend.class)
    KafkaBackend kincirBackend(ObjectProvider<ProducerFactory<?, ?>> producerFactory,
            ObjectProvider<ConsumerFactory<?, ?>> consumerFactory, ObjectProvider<KafkaAdmin> kafkaAdmin,
            KincirProperties properties) {
        return KafkaBackend.builder()
                .producerFactory(required(producerFactory.getIfUnique(), "ProducerFactory"))
                .consumerFactory(required(consumerFactory.getIfUnique(), "ConsumerFactory"))
                .kafkaAdmin(required(kafkaAdmin.getIfUnique(), "KafkaAdmin"))
                .settings(properties.getKafka().toSettings())
                .build();
    }

    private static <T> T required(T bean, String type) {
        if (bean == null) {
            throw new IllegalStateException("kincir.backend=kafka needs one spring-kafka " + type + " bean. Add "
                    + "spring-boot-starter-kafka, which builds it from spring.kafka.*, or define exactly one yourself");
        }
        return bean;
    }
}

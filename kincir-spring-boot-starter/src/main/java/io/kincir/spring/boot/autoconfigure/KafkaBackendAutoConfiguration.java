package io.kincir.spring.boot.autoconfigure;

import io.kincir.Backend;
import io.kincir.kafka.KafkaBackend;
import io.kincir.kafka.KafkaSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;

/**
 * {@code kincir.backend=kafka}: a {@link KafkaBackend} on the {@link ProducerFactory},
 * {@link ConsumerFactory} and {@link KafkaAdmin} that Spring Boot's Kafka auto-configuration builds
 * from {@code spring.kafka.*} (or that the application defines), with Kincir's own settings from
 * {@code kincir.kafka.*}. Without kincir-kafka or without those beans, {@link MissingBackendConfiguration}
 * fails the start-up naming the dependency to add.
 */
@AutoConfiguration(before = KincirAutoConfiguration.class,
        afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnKincirBackend("kafka")
@EnableConfigurationProperties(KincirProperties.class)
public final class KafkaBackendAutoConfiguration {

    @Bean
    BackendSupport kincirKafkaSupport() {
        return new BackendSupport("kafka", "org.springframework.boot:spring-boot-starter-kafka",
                KafkaBackendAutoConfiguration.class);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(KafkaBackend.class)
    @ConditionalOnBean({ProducerFactory.class, ConsumerFactory.class, KafkaAdmin.class})
    static final class KafkaBackendConfiguration {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(Backend.class)
        KafkaBackend kincirBackend(ObjectProvider<ProducerFactory<?, ?>> producerFactory,
                ObjectProvider<ConsumerFactory<?, ?>> consumerFactory, ObjectProvider<KafkaAdmin> kafkaAdmin,
                KincirProperties properties) {
            return KafkaBackend.builder()
                    .producerFactory(unique(producerFactory.getIfUnique(), "ProducerFactory"))
                    .consumerFactory(unique(consumerFactory.getIfUnique(), "ConsumerFactory"))
                    .kafkaAdmin(unique(kafkaAdmin.getIfUnique(), "KafkaAdmin"))
                    .settings(settings(properties.getKafka()))
                    .build();
        }

        /** Here, not on the properties: they must bind without kincir-kafka on the classpath. */
        static KafkaSettings settings(KincirProperties.Kafka kafka) {
            return new KafkaSettings(kafka.getPartitions(), kafka.getReplicationFactor(), kafka.isAutoCreateTopics(),
                    kafka.getPollTimeout(), kafka.getReceiveBuffer(), kafka.getReceiveBufferSize().toBytes(),
                    kafka.getOperationTimeout(),
                    kafka.getHealthTimeout());
        }

        private static <T> T unique(T bean, String type) {
            if (bean == null) {
                throw new IllegalStateException("kincir.backend=kafka needs one spring-kafka " + type
                        + " bean, and there are several: mark the one Kincir uses @Primary");
            }
            return bean;
        }
    }
}

package io.kincir.spring.boot.autoconfigure;

import io.kincir.spring.boot.autoconfigure.KincirProperties.BackendType;

/**
 * The client library a backend needs on the classpath: a class to look for, and the dependency that
 * brings it.
 *
 * @param className a class of the library
 * @param dependency the Maven coordinates to add: Spring Boot's starter, which brings the client
 *     library and the auto-configuration of the connection beans the backend is built on
 * @param library the library's short name
 */
record BackendClient(String className, String dependency, String library) {

    /**
     * @return the client library of a backend this version provides, or null (in-memory needs none;
     *     nats and redis are not provided)
     */
    static BackendClient of(BackendType type) {
        return switch (type) {
            case KAFKA -> new BackendClient("org.springframework.kafka.core.KafkaTemplate",
                    "org.springframework.boot:spring-boot-starter-kafka", "spring-kafka");
            case RABBITMQ -> new BackendClient("org.springframework.amqp.rabbit.core.RabbitTemplate",
                    "org.springframework.boot:spring-boot-starter-amqp", "spring-rabbit");
            case IN_MEMORY, NATS, REDIS -> null;
        };
    }
}

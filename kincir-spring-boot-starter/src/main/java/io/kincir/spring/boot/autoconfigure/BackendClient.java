package io.kincir.spring.boot.autoconfigure;

import io.kincir.spring.boot.autoconfigure.KincirProperties.BackendType;

/**
 * The client library a backend needs on the classpath: a class to look for, and the dependency that
 * brings it.
 *
 * @param className a class of the library
 * @param dependency the Maven coordinates to add
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
                    "org.springframework.kafka:spring-kafka", "spring-kafka");
            case RABBITMQ -> new BackendClient("org.springframework.amqp.rabbit.core.RabbitTemplate",
                    "org.springframework.amqp:spring-rabbit", "spring-rabbit");
            case IN_MEMORY, NATS, REDIS -> null;
        };
    }
}

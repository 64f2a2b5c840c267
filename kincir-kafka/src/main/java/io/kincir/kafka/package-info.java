/**
 * The Kafka backend: {@link io.kincir.kafka.KafkaBackend}, on spring-kafka and kafka-clients (optional
 * dependencies of kincir-core: add {@code spring-kafka} to use it).
 */
package io.kincir.kafka;

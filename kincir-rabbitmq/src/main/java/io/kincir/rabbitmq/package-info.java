/**
 * The RabbitMQ backend, {@link io.kincir.rabbitmq.RabbitBackend}, on spring-rabbit: a topic is a
 * durable fanout exchange, a group a durable queue bound to it. Needs {@code spring-rabbit} on the
 * class path (an optional dependency of kincir-core).
 */
package io.kincir.rabbitmq;

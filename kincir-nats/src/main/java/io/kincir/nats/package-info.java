/**
 * The NATS JetStream backend, {@link io.kincir.nats.NatsBackend}, on the official client jnats: a topic
 * is a stream with limits retention, a group a durable pull consumer of it.
 */
package io.kincir.nats;

/**
 * The embedded in-memory broker: {@link io.kincir.memory.InMemoryBroker}, configured by
 * {@link io.kincir.memory.InMemoryConfig}.
 */
package io.kincir.memory;

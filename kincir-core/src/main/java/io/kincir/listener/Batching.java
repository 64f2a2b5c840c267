package io.kincir.listener;

import java.time.Duration;

/**
 * How many deliveries a consumer collects before it hands them on: at most {@code size}, and no more
 * than arrive within {@code timeout} of the first. One delivery at a time for a message handler.
 *
 * @param size most deliveries per batch, at least 1
 * @param timeout how long after the first delivery of a batch the consumer waits for the rest
 */
record Batching(int size, Duration timeout) {

    static final Batching NONE = new Batching(1, Duration.ZERO);
}

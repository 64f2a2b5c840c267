package io.kincir.memory;

import io.kincir.Message;

/**
 * A message given back to its group (nack, or its subscriber closed unsettled), with the deadline it
 * was published with: a redelivery does not extend its time to live.
 */
record Entry(Message message, long deadline) {
}

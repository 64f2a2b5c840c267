package io.kincir.kafka;

import io.kincir.Message;
import org.apache.kafka.common.TopicPartition;

/**
 * A record fetched by a member's poll thread, waiting to be handed out.
 *
 * @param partition where it came from
 * @param offset its offset
 * @param ownership which ownership of the partition fetched it (see {@link PartitionLedger}); a record
 *     of an earlier ownership is dropped, since the partition's new owner reads it again
 * @param message the message
 */
record Fetched(TopicPartition partition, long offset, long ownership, Message message) {
}

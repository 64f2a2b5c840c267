package io.kincir.kafka;

import io.kincir.Message;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;

/**
 * A record fetched by a member's poll thread, waiting to be handed out.
 *
 * <p>The message is decoded from the record on first use, by the receiving thread: the poll thread
 * only fetches and queues, so that decoding (headers, uuid, metadata) does not hold up fetching,
 * and a record dropped because its partition moved is never decoded. Decoding twice under a race
 * yields equal messages, so the cache needs no synchronization.
 */
final class Fetched {

    private final TopicPartition partition;
    private final long offset;
    private final long ownership;
    private final Supplier<Message> decode;
    private final int bytes;
    private Message message;

    /**
     * @param partition where it came from
     * @param offset its offset
     * @param ownership which ownership of the partition fetched it (see {@link PartitionLedger}); a
     *     record of an earlier ownership is dropped, since the partition's new owner reads it again
     * @param decode makes the message, called at most once per thread that asks for it
     * @param bytes the record's size (key, value and headers), counted against the fetch-ahead bound
     */
    Fetched(TopicPartition partition, long offset, long ownership, Supplier<Message> decode, int bytes) {
        this.partition = partition;
        this.offset = offset;
        this.ownership = ownership;
        this.decode = decode;
        this.bytes = bytes;
    }

    TopicPartition partition() {
        return partition;
    }

    long offset() {
        return offset;
    }

    int bytes() {
        return bytes;
    }

    long ownership() {
        return ownership;
    }

    Message message() {
        Message decoded = message;
        if (decoded == null) {
            decoded = decode.get();
            message = decoded;
        }
        return decoded;
    }

    @Override
    public String toString() {
        return "Fetched[" + partition + "@" + offset + ", ownership " + ownership + "]";
    }
}

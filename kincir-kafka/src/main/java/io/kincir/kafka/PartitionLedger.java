package io.kincir.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What a member owns and how far each owned partition is settled: the offset to commit is the first
 * handed-out record not yet settled, or, with none outstanding, the one after the last handed out.
 * Offsets are never assumed contiguous (compaction and transaction markers leave gaps).
 *
 * <p>Each assignment of a partition is a new <em>ownership</em>; records and deliveries carry theirs,
 * and those of an ownership that ended are ignored. Thread-safe: the poll thread assigns and
 * releases, receivers hand out, any thread settles.
 */
final class PartitionLedger {

    private static final class Owned {
        final long ownership;
        long next;
        long committed;
        final TreeSet<Long> unsettled = new TreeSet<>();

        Owned(long ownership, long start) {
            this.ownership = ownership;
            this.next = start;
            this.committed = start;
        }

        long commitOffset() {
            return unsettled.isEmpty() ? next : unsettled.first();
        }
    }

    private final Map<TopicPartition, Owned> owned = new HashMap<>();
    private long ownerships;
    private boolean closed;

    /** Starts owning a partition whose next record to read is {@code start}; @return the ownership. */
    synchronized long assign(TopicPartition partition, long start) {
        long ownership = ++ownerships;
        owned.put(partition, new Owned(ownership, start));
        return ownership;
    }

    /** @return the current ownership of the partition, or -1 if this member does not own it */
    synchronized long ownership(TopicPartition partition) {
        Owned state = owned.get(partition);
        return state == null ? -1 : state.ownership;
    }

    /**
     * Records that a fetched record is handed to the application.
     *
     * @param untilSettled whether it stays outstanding until settled (ack subscriber) or counts as
     *     settled at once (plain subscriber)
     * @return false if the record's ownership ended: it must not be handed out
     */
    synchronized boolean handOut(Fetched record, boolean untilSettled) {
        Owned state = owned.get(record.partition());
        if (closed || state == null || state.ownership != record.ownership()) {
            return false;
        }
        if (untilSettled) {
            state.unsettled.add(record.offset());
        }
        state.next = Math.max(state.next, record.offset() + 1);
        return true;
    }

    /** Marks a handed-out record settled; ignored if its ownership ended (its new owner reads it again). */
    synchronized void settle(Fetched record) {
        Owned state = owned.get(record.partition());
        if (state != null && state.ownership == record.ownership()) {
            state.unsettled.remove(record.offset());
        }
    }

    /** @return whether the record's ownership is still current */
    synchronized boolean isCurrent(Fetched record) {
        Owned state = owned.get(record.partition());
        return !closed && state != null && state.ownership == record.ownership();
    }

    /**
     * What releasing partitions leaves behind.
     *
     * @param positions where each released partition's next owner should start
     * @param uncommitted those of them not yet passed to a commit
     */
    record Release(Map<TopicPartition, OffsetAndMetadata> positions,
            Map<TopicPartition, OffsetAndMetadata> uncommitted) {
    }

    /** Stops owning the partitions; @return where they stand */
    synchronized Release release(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
        for (TopicPartition partition : partitions) {
            Owned state = owned.remove(partition);
            if (state != null) {
                OffsetAndMetadata position = new OffsetAndMetadata(state.commitOffset());
                positions.put(partition, position);
                if (position.offset() != state.committed) {
                    uncommitted.put(partition, position);
                }
            }
        }
        return new Release(positions, uncommitted);
    }

    /** @return the offsets that moved since last returned here, now taken as committed */
    synchronized Map<TopicPartition, OffsetAndMetadata> progress() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        owned.forEach((partition, state) -> {
            long offset = state.commitOffset();
            if (offset != state.committed) {
                state.committed = offset;
                offsets.put(partition, new OffsetAndMetadata(offset));
            }
        });
        return offsets;
    }

    /** Ends every ownership: later hand-outs fail and settles are refused; @return where they stand */
    synchronized Release close() {
        closed = true;
        return release(Map.copyOf(owned).keySet());
    }

    synchronized boolean isClosed() {
        return closed;
    }
}

package io.kincir.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingDeque;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Hands partitions over between the members of a group so that a rebalance neither loses nor skips:
 * a member given a partition starts where the group committed (or commits where it starts); a member
 * losing one drops what it fetched but did not hand out and commits what is settled. Runs on the poll
 * thread, inside {@code poll}.
 */
final class PartitionHandover implements ConsumerRebalanceListener {

    private final Consumer<byte[], byte[]> consumer;
    private final PartitionLedger ledger;
    private final BlockingDeque<Fetched> handOff;
    private final java.util.function.Consumer<Fetched> dropped;
    private final Runnable afterAssignment;
    private final Map<TopicPartition, OffsetAndMetadata> lastReleased = new HashMap<>();
    private long rebalances;
    private RuntimeException failure;

    /**
     * @param dropped told of each fetched record dropped from the hand-off because its partition left
     * @param afterAssignment run after each completed rebalance
     */
    PartitionHandover(Consumer<byte[], byte[]> consumer, PartitionLedger ledger, BlockingDeque<Fetched> handOff,
            java.util.function.Consumer<Fetched> dropped, Runnable afterAssignment) {
        this.consumer = consumer;
        this.ledger = ledger;
        this.handOff = handOff;
        this.dropped = dropped;
        this.afterAssignment = afterAssignment;
    }

    /** @return how many rebalances completed */
    long rebalances() {
        return rebalances;
    }

    /** @return why taking over partitions failed, if it did; the member must stop */
    RuntimeException failure() {
        return failure;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        try {
            own(partitions);
            rebalances++;
            afterAssignment.run();
        } catch (RuntimeException e) {
            rebalances++;
            failure = e;
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        release(partitions, true);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        release(partitions, false);
    }

    // Resolves every new partition's position now: with auto.offset.reset=latest the consumer would do
    // it lazily, at its first fetch, and skip what is published in between. A position that no
    // committed offset backs is committed at once, so the next owner starts there too.
    private void own(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        // A partition released in the last rebalance and assigned back (an eager rebalance does that to
        // every partition) was owned by nobody in between: it starts where it was released.
        Map<TopicPartition, OffsetAndMetadata> known = new HashMap<>();
        Set<TopicPartition> unknown = new HashSet<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata position = lastReleased.get(partition);
            if (position != null) {
                known.put(partition, position);
            } else {
                unknown.add(partition);
            }
        }
        lastReleased.clear();
        if (!unknown.isEmpty()) {
            known.putAll(unwoken(() -> consumer.committed(unknown)));
        }
        Map<TopicPartition, OffsetAndMetadata> starts = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = known.get(partition);
            if (offset != null) {
                consumer.seek(partition, offset);
                ledger.assign(partition, offset.offset());
            } else {
                long start = unwoken(() -> consumer.position(partition));
                ledger.assign(partition, start);
                starts.put(partition, new OffsetAndMetadata(start));
            }
        }
        if (!starts.isEmpty()) {
            unwoken(() -> {
                consumer.commitSync(starts);
                return null;
            });
        }
    }

    // Drops what was fetched but not handed out from these partitions (their next owner reads it
    // again) and commits up to the first outstanding delivery.
    private void release(Collection<TopicPartition> partitions, boolean commit) {
        if (partitions.isEmpty()) {
            return;
        }
        Set<TopicPartition> released = new HashSet<>(partitions);
        PartitionLedger.Release release = ledger.release(released);
        for (java.util.Iterator<Fetched> it = handOff.iterator(); it.hasNext(); ) {
            Fetched record = it.next();
            if (released.contains(record.partition())) {
                it.remove();
                dropped.accept(record);
            }
        }
        lastReleased.clear();
        if (!commit) {
            return;
        }
        try {
            if (!release.uncommitted().isEmpty()) {
                unwoken(() -> {
                    consumer.commitSync(release.uncommitted());
                    return null;
                });
            }
            lastReleased.putAll(release.positions());
        } catch (KafkaException e) {
            // The next owner starts from the previous commit: it re-delivers, it does not skip.
        }
    }

    // A wake-up meant for a poll can surface in the next blocking call instead; it is spent then, so
    // the call is simply made again.
    static <T> T unwoken(Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (WakeupException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }
}

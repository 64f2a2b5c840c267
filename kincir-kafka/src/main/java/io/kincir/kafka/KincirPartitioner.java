package io.kincir.kafka;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.utils.Utils;

/**
 * The partitioner of Kincir's producer, set as its {@code partitioner.class} unless the application
 * configured one. A keyed record goes where Kafka's default partitioner puts it (murmur2 of the key
 * modulo the partition count), so the order per {@code partition_key} is the same. An unkeyed
 * record goes to the next partition in turn among those that have a leader, so that every member of
 * a group gets a share and a partition whose leader is down is skipped until it has one again.
 *
 * <p>Kafka's default partitioner would instead stick to one partition for a whole batch
 * ({@code batch.size}, 16 KiB): a trickle of small messages would then all land on one partition and
 * one member of the group, which is not how Kincir's groups share work. Like
 * {@link org.apache.kafka.clients.producer.RoundRobinPartitioner} it skips partitions without a
 * leader, but it keeps keyed records on their key's partition, which that one does not.
 */
public final class KincirPartitioner implements Partitioner {

    private final Map<String, AtomicInteger> turns = new ConcurrentHashMap<>();

    /** Kafka creates it from {@code partitioner.class}. */
    public KincirPartitioner() {
    }

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes,
            Cluster cluster) {
        int count = cluster.partitionCountForTopic(topic);
        if (keyBytes != null) {
            return Utils.toPositive(Utils.murmur2(keyBytes)) % count;
        }
        int turn = turns.computeIfAbsent(topic, t -> new AtomicInteger()).getAndIncrement();
        List<PartitionInfo> available = cluster.availablePartitionsForTopic(topic);
        if (available.isEmpty()) {
            return Math.floorMod(turn, count);
        }
        return available.get(Math.floorMod(turn, available.size())).partition();
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public void close() {
    }
}

package io.kincir.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/** Unkeyed records in turn over the partitions with a leader; keyed ones where Kafka's default puts them. */
class KincirPartitionerTest {

    private static final Node LEADER = new Node(1, "localhost", 9092);

    // Partition 2 of "t" has no leader (its broker is down).
    private static final Cluster CLUSTER = new Cluster("cluster", List.of(LEADER), List.of(
            new PartitionInfo("t", 0, LEADER, new Node[] {LEADER}, new Node[] {LEADER}),
            new PartitionInfo("t", 1, LEADER, new Node[] {LEADER}, new Node[] {LEADER}),
            new PartitionInfo("t", 2, null, new Node[] {LEADER}, new Node[0]),
            new PartitionInfo("t", 3, LEADER, new Node[] {LEADER}, new Node[] {LEADER})), Set.of(), Set.of());

    @Test
    void unkeyedRecordsGoInTurnToEveryPartitionThatHasALeader() {
        KincirPartitioner partitioner = new KincirPartitioner();
        List<Integer> chosen = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            chosen.add(partitioner.partition("t", null, null, null, new byte[1], CLUSTER));
        }

        assertThat(chosen).containsExactly(0, 1, 3, 0, 1, 3);
    }

    @Test
    void keyedRecordsGoWhereKafkasDefaultPartitionerHashesTheKey() {
        KincirPartitioner partitioner = new KincirPartitioner();
        for (String key : List.of("a", "order-17", "customer-42", "z")) {
            byte[] bytes = key.getBytes(StandardCharsets.UTF_8);

            assertThat(partitioner.partition("t", key, bytes, null, new byte[1], CLUSTER))
                    .as(key).isEqualTo(Utils.toPositive(Utils.murmur2(bytes)) % 4);
        }
    }
}

package io.kincir.kafka;

import io.kincir.BackendUnavailableException;
import io.kincir.KincirException;
import io.kincir.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the cluster's topics and consumer groups for {@link KafkaBackend#brokerTopology()} with Kafka's Admin
 * client, in six requests whatever their number: the topics (internal ones, {@code __}-prefixed, left
 * out), their partitions, their first and end offsets, the consumer groups, their committed offsets and
 * their members. A topic's depth is what its partitions keep (end less first offset); a group is on a
 * topic where it committed an offset or a member is assigned a partition of it, and its pending count is
 * the end offsets less its committed ones, over the partitions where it committed.
 */
final class KafkaTopology {

    private final Admin admin;
    private final Duration timeout;

    KafkaTopology(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    Topology read() {
        try {
            Set<String> names = await(admin.listTopics().names()).stream().filter(name -> !name.startsWith("__"))
                    .collect(Collectors.toSet());
            Map<String, List<TopicPartition>> partitions = new TreeMap<>();
            for (TopicDescription description : await(admin.describeTopics(names).allTopicNames()).values()) {
                partitions.put(description.name(), description.partitions().stream()
                        .map(info -> new TopicPartition(description.name(), info.partition())).toList());
            }
            List<TopicPartition> all = partitions.values().stream().flatMap(List::stream).toList();
            Map<TopicPartition, Long> first = offsets(all, OffsetSpec.earliest());
            Map<TopicPartition, Long> end = offsets(all, OffsetSpec.latest());
            Map<String, Map<String, Long>> groups = groupsByTopic(end);
            List<Topology.Topic> topics = new ArrayList<>();
            partitions.forEach((topic, topicPartitions) -> {
                long depth = topicPartitions.stream().mapToLong(tp -> end.getOrDefault(tp, 0L)
                        - first.getOrDefault(tp, 0L)).sum();
                List<Topology.Group> onTopic = new ArrayList<>();
                groups.getOrDefault(topic, Map.of()).forEach((group, pending) -> onTopic.add(
                        new Topology.Group(group, pending)));
                topics.add(new Topology.Topic(topic, depth, onTopic));
            });
            return Topology.of("Kafka Admin: the cluster's topics (internal ones left out) and consumer groups",
                    topics);
        } catch (ExecutionException e) {
            throw new KincirException("Could not read Kafka's topics and consumer groups: " + e.getCause().getMessage()
                    + ". The client needs DESCRIBE on the cluster, its topics and groups", e.getCause());
        }
    }

    /** @return by topic, each group on it with its pending count, null where it committed nothing there */
    private Map<String, Map<String, Long>> groupsByTopic(Map<TopicPartition, Long> end) throws ExecutionException {
        List<String> ids = await(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all()).stream()
                .map(GroupListing::groupId).toList();
        Map<String, Map<String, Long>> byTopic = new HashMap<>();
        if (ids.isEmpty()) {
            return byTopic;
        }
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        ids.forEach(id -> specs.put(id, new ListConsumerGroupOffsetsSpec()));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = await(admin.listConsumerGroupOffsets(specs)
                .all());
        committed.forEach((group, offsets) -> offsets.forEach((partition, offset) -> {
            if (offset != null && end.containsKey(partition)) {
                byTopic.computeIfAbsent(partition.topic(), topic -> new TreeMap<>()).merge(group,
                        Math.max(0, end.get(partition) - offset.offset()), Long::sum);
            }
        }));
        Map<String, ConsumerGroupDescription> described = await(admin.describeConsumerGroups(ids).all());
        described.forEach((group, description) -> {
            for (MemberDescription member : description.members()) {
                member.assignment().topicPartitions().stream().filter(end::containsKey).forEach(partition -> byTopic
                        .computeIfAbsent(partition.topic(), topic -> new TreeMap<>()).putIfAbsent(group, null));
            }
        });
        return byTopic;
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, spec));
        Map<TopicPartition, ListOffsetsResultInfo> result = await(admin.listOffsets(request).all());
        Map<TopicPartition, Long> offsets = new HashMap<>();
        result.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private <T> T await(KafkaFuture<T> future) throws ExecutionException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KincirException("Interrupted while reading Kafka's topics and groups", e);
        } catch (TimeoutException e) {
            throw new BackendUnavailableException("Kafka did not answer within " + timeout
                    + "; check spring.kafka.bootstrap-servers and that the brokers run", e);
        }
    }
}

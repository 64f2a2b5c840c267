package io.kincir.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * The topics one member subscribed to, and when each subscription is in place (see
 * {@link #complete()}). Used by the poll thread only.
 */
final class Subscriptions {

    private record Pending(List<TopicPartition> partitions, long rebalancesBefore, CompletableFuture<Void> done) {
    }

    private final String group;
    private final String offsetReset;
    private final Consumer<byte[], byte[]> consumer;
    private final PartitionLedger ledger;
    private final PartitionHandover handover;
    private final Set<String> subscribed = new LinkedHashSet<>();
    private final List<Pending> pending = new ArrayList<>();
    private boolean rejoinDue;

    /**
     * @param group the group, or null for a private subscriber (which assigns itself partitions)
     * @param offsetReset the consumer's {@code auto.offset.reset}
     */
    Subscriptions(String group, String offsetReset, Consumer<byte[], byte[]> consumer, PartitionLedger ledger,
            BlockingDeque<Fetched> handOff, java.util.function.Consumer<Fetched> dropped) {
        this.group = group;
        this.offsetReset = offsetReset;
        this.consumer = consumer;
        this.ledger = ledger;
        this.handover = new PartitionHandover(consumer, ledger, handOff, dropped, this::complete);
    }

    boolean isEmpty() {
        return subscribed.isEmpty();
    }

    /** @return whether subscriptions wait for a rejoin */
    boolean rejoinDue() {
        return rejoinDue;
    }

    /** Rejoins the group with every subscribed topic. */
    void rejoin() {
        consumer.subscribe(List.copyOf(subscribed), handover);
        rejoinDue = false;
    }

    /** @return why taking over partitions failed, if it did; the member must stop */
    RuntimeException handoverFailure() {
        return handover.failure();
    }

    /** Fails every subscription still waiting. */
    void fail(Throwable cause) {
        pending.forEach(subscription -> subscription.done().completeExceptionally(cause));
    }

    // A topic this call created is empty: it starts at offset 0 without asking the brokers, which learn
    // of a new topic a little after its creation (asking at once would wait for them).
    void begin(String topic, Topics.Known known, CompletableFuture<Void> done) {
        List<TopicPartition> partitions = IntStream.range(0, known.partitions())
                .mapToObj(partition -> new TopicPartition(topic, partition)).toList();
        subscribed.add(topic);
        try {
            if (group == null) {
                Set<TopicPartition> all = new HashSet<>(consumer.assignment());
                all.addAll(partitions);
                consumer.assign(all);
                if (known.createdNow()) {
                    partitions.forEach(partition -> consumer.seek(partition, 0));
                } else {
                    consumer.seekToEnd(partitions);
                }
                for (TopicPartition partition : partitions) {
                    ledger.assign(partition, PartitionHandover.unwoken(() -> consumer.position(partition)));
                }
                done.complete(null);
            } else if (handover.rebalances() > 0 && startOffsetsCommitted(partitions, known.createdNow())) {
                // Joined already: the topic's start offsets are committed, so it is in place now; the
                // rejoin that assigns it waits for more subscriptions.
                rejoinDue = true;
                done.complete(null);
            } else {
                rejoin();
                pending.add(new Pending(partitions, handover.rebalances(), done));
            }
        } catch (RuntimeException e) {
            subscribed.remove(topic);
            done.completeExceptionally(e);
        }
    }

    // A subscription is in place once a rebalance that included it completed, and every partition of
    // the topic has a committed offset in the group (the member that owns it commits its start
    // position on assignment): whatever is published afterwards is read from there.
    void complete() {
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending subscription = it.next();
            if (subscription.rebalancesBefore() == handover.rebalances()) {
                continue;
            }
            Set<TopicPartition> ownedByOthers = new HashSet<>(subscription.partitions());
            ownedByOthers.removeAll(consumer.assignment());
            if (ownedByOthers.isEmpty() || allCommitted(ownedByOthers)) {
                subscription.done().complete(null);
                it.remove();
            }
        }
    }

    // Commits where each partition without a committed offset starts (per auto.offset.reset), as the
    // member that will own it would on assignment. False if that cannot be done now (a rebalance is
    // under way, or the reset policy names no position): the caller then waits for the rebalance.
    private boolean startOffsetsCommitted(List<TopicPartition> partitions, boolean createdNow) {
        boolean fromEnd = "latest".equalsIgnoreCase(offsetReset);
        if (!fromEnd && !"earliest".equalsIgnoreCase(offsetReset)) {
            return false;
        }
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            if (createdNow) {
                partitions.forEach(partition -> offsets.put(partition, new OffsetAndMetadata(0)));
            } else {
                Map<TopicPartition, OffsetAndMetadata> committed = PartitionHandover.unwoken(
                        () -> consumer.committed(Set.copyOf(partitions)));
                List<TopicPartition> missing = partitions.stream()
                        .filter(partition -> committed.get(partition) == null).toList();
                if (!missing.isEmpty()) {
                    Map<TopicPartition, Long> starts = PartitionHandover.unwoken(() -> fromEnd ? consumer.endOffsets(missing)
                            : consumer.beginningOffsets(missing));
                    starts.forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset)));
                }
            }
            if (!offsets.isEmpty()) {
                PartitionHandover.unwoken(() -> {
                    consumer.commitSync(offsets);
                    return null;
                });
            }
            return true;
        } catch (KafkaException e) {
            return false;
        }
    }

    private boolean allCommitted(Set<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> committed = PartitionHandover.unwoken(() -> consumer.committed(partitions));
        return partitions.stream().allMatch(partition -> committed.get(partition) != null);
    }

}

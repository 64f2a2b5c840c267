package io.kincir.memory;

import io.kincir.BrokerShutdownException;
import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.Publisher;
import io.kincir.QueueFullException;
import io.kincir.spi.MetadataLimits;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The in-memory broker's publish path: checks a batch, stamps each message's expiry, holds back
 * delayed ones, claims room in bounded queues, numbers messages when order is kept, and appends the
 * batch to every group of the topic. Thread-safe and lock-free apart from each group's put lock and,
 * when order is kept, the topic's lock.
 */
final class InMemoryPublisher implements Publisher {

    private static final System.Logger LOG = System.getLogger(InMemoryBroker.class.getName());
    private static final Message[] NO_MESSAGES = {};

    private final InMemoryBroker broker;
    private final InMemoryConfig config;
    private final Counters counters;
    private final long ttlNanos;

    InMemoryPublisher(InMemoryBroker broker, InMemoryConfig config, Counters counters) {
        this.broker = broker;
        this.config = config;
        this.counters = counters;
        this.ttlNanos = config.messageTtl() == null ? 0 : config.messageTtl().toNanos();
    }

    /**
     * Publishes a batch: every message is enqueued in every group of the topic, or, if any group's
     * queue lacks room for the whole batch, none is. Messages with {@code _delay} metadata are
     * enqueued when their delay has passed. A message with a {@code _priority} above 0 overtakes the
     * messages of lower priority waiting in each group's queue (those a member already claimed or was
     * given back are not waiting); one priority keeps publish order, and {@code _sequence} stays the
     * publish order.
     *
     * @param topicName the topic
     * @param messages the batch
     * @throws QueueFullException if a group's queue has no room for the batch (after waiting up to
     *     the configured publish timeout)
     * @throws io.kincir.MaxTopicsReachedException if the topic is new and the topic limit is reached
     * @throws BrokerShutdownException if the broker was shut down before any group took the batch;
     *     a shutdown that overtakes a publish between groups lets the publish return, and the copies
     *     refused by the groups that were already sealed are counted as dropped
     * @throws IllegalArgumentException if a {@code _ttl} or {@code _delay} value is not an ISO-8601 duration,
     *     or a {@code _priority} not an integer from 0 to 9
     */
    @Override
    public void publish(String topicName, List<Message> messages) {
        Objects.requireNonNull(messages, "messages");
        // A copy of our own: the caller may reuse its list, and messages are numbered in place when order is kept.
        publish(topicName, messages.toArray(NO_MESSAGES));
    }

    /** A single message goes in without a list or another copy. */
    @Override
    public void publish(String topicName, Message message) {
        publish(topicName, new Message[] {message});
    }

    /** Publishes a batch the broker owns: the array may be numbered in place; each group copies its references. */
    private void publish(String topicName, Message[] batch) {
        Objects.requireNonNull(topicName, "topic");
        if (!broker.isOpen()) {
            throw InMemoryBroker.notOpen("publish to '" + topicName + "'");
        }
        int count = batch.length;
        if (count == 0) {
            return;
        }
        Topic topic = broker.topic(topicName);
        // The clock is read only when a message can expire: on some machines a read costs as much as
        // the rest of a single-message publish.
        long now = ttlNanos > 0 ? System.nanoTime() : 0;
        boolean clockRead = ttlNanos > 0;
        long[] deadlines = ttlNanos > 0 ? new long[count] : null;
        long[] delays = null;
        boolean prioritized = false;
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            Message message = Objects.requireNonNull(batch[i], "message");
            bytes += Chunk.sizeOf(message);
            long ttl = ttlNanos;
            if (!message.metadata().isEmpty()) {
                MetadataLimits.require(topicName, message, i, count);
                long own = durationNanos(message, MetadataKeys.TTL);
                if (own > 0) {
                    ttl = own;
                }
                long delay = durationNanos(message, MetadataKeys.DELAY);
                if (delay > 0) {
                    if (delays == null) {
                        delays = new long[count];
                    }
                    delays[i] = delay;
                }
                prioritized |= MetadataKeys.priority(message) > MetadataKeys.MIN_PRIORITY;
            }
            if (ttl > 0) {
                if (!clockRead) {
                    now = System.nanoTime();
                    clockRead = true;
                }
                if (deadlines == null) {
                    deadlines = new long[count];
                    Arrays.fill(deadlines, Chunk.NEVER);
                }
                deadlines[i] = now + ttl;
            }
        }
        if (delays == null) {
            deliver(topic, batch, deadlines, bytes, true, prioritized);
        } else {
            publishWithDelays(topic, batch, deadlines, delays, prioritized);
        }
        counters.published(count);
    }

    private void publishWithDelays(Topic topic, Message[] batch, long[] deadlines, long[] delays, boolean prioritized) {
        int immediate = 0;
        for (long delay : delays) {
            if (delay == 0) {
                immediate++;
            }
        }
        if (immediate > 0) {
            Message[] now = new Message[immediate];
            long[] nowDeadlines = deadlines == null ? null : new long[immediate];
            long bytes = 0;
            for (int i = 0, j = 0; i < batch.length; i++) {
                if (delays[i] == 0) {
                    now[j] = batch[i];
                    if (nowDeadlines != null) {
                        nowDeadlines[j] = deadlines[i];
                    }
                    j++;
                    bytes += Chunk.sizeOf(batch[i]);
                }
            }
            deliver(topic, now, nowDeadlines, bytes, true, prioritized);
        }
        for (int i = 0; i < batch.length; i++) {
            if (delays[i] > 0) {
                Message[] single = {batch[i]};
                long[] deadline = deadlines == null || deadlines[i] == Chunk.NEVER ? null : new long[] {deadlines[i]};
                broker.scheduleDelayed(() -> deliverDelayed(topic, single, deadline), delays[i]);
            }
        }
    }

    private void deliverDelayed(Topic topic, Message[] single, long[] deadline) {
        if (!broker.isOpen()) {
            counters.dropped.increment();
            return;
        }
        try {
            deliver(topic, single, deadline, Chunk.sizeOf(single[0]), false,
                    MetadataKeys.priority(single[0]) > MetadataKeys.MIN_PRIORITY);
        } catch (RuntimeException e) {
            counters.dropped.increment();
            LOG.log(Level.WARNING, "Dropped delayed message " + single[0].uuid() + " on topic '"
                    + topic.name + "' when its delay passed: " + e.getMessage());
        }
    }

    private static long durationNanos(Message message, String key) {
        Duration duration = MetadataKeys.duration(message, key).orElse(Duration.ZERO);
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("Metadata " + key + "='" + message.metadata().get(key) + "' of message "
                    + message.uuid() + " is too long a duration; nothing of the batch was published", e);
        }
    }

    /** @param prioritized whether a message of the batch carries a {@code _priority} above the lowest */
    private void deliver(Topic topic, Message[] batch, long[] deadlines, long bytes, boolean mayWait,
            boolean prioritized) {
        if (!config.maintainOrder()) {
            route(topic, batch, deadlines, bytes, mayWait, prioritized);
            return;
        }
        topic.orderLock.lock();
        try {
            topic.sequence(batch);
            route(topic, batch, deadlines, bytes, mayWait, prioritized);
            topic.sequenced(batch);
        } finally {
            topic.orderLock.unlock();
        }
    }

    private void route(Topic topic, Message[] batch, long[] deadlines, long bytes, boolean mayWait,
            boolean prioritized) {
        GroupQueue[] groups = topic.groups();
        if (groups.length == 0) {
            topic.unrouted.add(batch.length);
            counters.unrouted.add(batch.length);
            return;
        }
        boolean bounded = config.maxQueueSize() > 0;
        // A topic of one group takes room and appends under one lock; several groups need room in all first.
        boolean reserveInOffer = bounded && groups.length == 1;
        if (bounded && !reserveInOffer) {
            reserve(topic, groups, batch.length, mayWait);
        }
        int refused = 0;
        for (GroupQueue group : groups) {
            GroupQueue.Outcome outcome = group.offer(batch, deadlines, bytes, prioritized, reserveInOffer);
            if (outcome == GroupQueue.Outcome.FULL) {
                reserve(topic, groups, batch.length, mayWait);
                outcome = group.offer(batch, deadlines, bytes, prioritized, false);
            }
            if (outcome == GroupQueue.Outcome.SEALED) {
                refused++;
            }
        }
        if (refused == groups.length) {
            throw InMemoryBroker.notOpen("publish to '" + topic.name + "'; nothing of the batch was published");
        }
        if (refused > 0) {
            // Some groups hold the batch already and will deliver it, so the publish stands; the
            // copies the sealed groups refused are counted, not lost silently.
            counters.dropped.add((long) refused * batch.length);
            LOG.log(Level.WARNING, "The in-memory broker shut down while a batch of " + batch.length
                    + " messages was published to topic '" + topic.name + "': " + refused + " of its "
                    + groups.length + " groups refused it; those copies were dropped");
        }
    }

    /** Claims room for the batch in every group, all or none, waiting up to the publish timeout. */
    private void reserve(Topic topic, GroupQueue[] groups, int count, boolean mayWait) {
        int capacity = config.maxQueueSize();
        if (count > capacity) {
            throw new QueueFullException(topic.name, "A batch of " + count + " messages can never fit in the queues of topic '"
                    + topic.name + "' (max-queue-size=" + capacity + "); nothing was published. Publish smaller "
                    + "batches or raise kincir.memory.max-queue-size");
        }
        long timeout = mayWait ? config.publishTimeout().toNanos() : 0;
        // Read the clock only once the queue is found full: most publishes find room at once.
        long deadline = 0;
        boolean timed = false;
        while (true) {
            int reserved = 0;
            while (reserved < groups.length && groups[reserved].reserve(count)) {
                reserved++;
            }
            if (reserved == groups.length) {
                return;
            }
            for (int i = 0; i < reserved; i++) {
                groups[i].room.release(count);
            }
            GroupQueue full = groups[reserved];
            if (!timed) {
                deadline = System.nanoTime() + timeout;
                timed = true;
            }
            boolean room;
            try {
                room = timeout > 0 && full.room.awaitRoom(count, deadline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw queueFull(topic, full, count, "the publisher was interrupted while waiting for room; ");
            }
            if (!room) {
                throw queueFull(topic, full, count, timeout > 0
                        ? "no room came within publish-timeout=" + config.publishTimeout() + "; " : "");
            }
        }
    }

    private static QueueFullException queueFull(Topic topic, GroupQueue full, int count, String detail) {
        return new QueueFullException(topic.name, "The queue of group '" + full.name + "' on topic '" + topic.name
                + "' is full (max-queue-size=" + full.room.capacity() + "); " + detail + "none of the batch of " + count
                + " messages was published. Consume faster, raise kincir.memory.max-queue-size, or set "
                + "kincir.memory.publish-timeout to wait for room");
    }
}

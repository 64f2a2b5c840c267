package io.kincir.memory;

import io.kincir.MaxSubscribersReachedException;
import io.kincir.Message;
import io.kincir.MetadataKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/** A topic: its subscriber groups, and its sequence when order is kept. */
final class Topic {

    private static final GroupQueue[] NO_GROUPS = {};

    final String name;
    final Instant createdAt = Instant.now();
    final LongAdder unrouted = new LongAdder();

    /**
     * Held across sequencing and enqueueing when order is kept, so that every group's queue holds a
     * topic's messages in {@code _sequence} order even with concurrent publishers.
     */
    final ReentrantLock orderLock = new ReentrantLock();
    private long lastSequence;

    private final int queueCapacity;
    private final Counters counters;
    private volatile GroupQueue[] groups = NO_GROUPS;
    private final Map<String, GroupQueue> groupsByName = new LinkedHashMap<>();
    private int subscribers;
    private int privateGroups;

    Topic(String name, int queueCapacity, Counters counters) {
        this.name = name;
        this.queueCapacity = queueCapacity;
        this.counters = counters;
    }

    /** The groups a publish delivers to: a snapshot, read without locking. */
    GroupQueue[] groups() {
        return groups;
    }

    /**
     * Replaces each message by a copy with the next {@code _sequence} number. Caller holds
     * {@link #orderLock} and calls {@link #sequenced} once the batch is delivered, so that a refused
     * batch leaves no gap.
     */
    void sequence(Message[] batch) {
        long next = lastSequence;
        for (int i = 0; i < batch.length; i++) {
            batch[i] = batch[i].withMetadata(MetadataKeys.SEQUENCE, Long.toString(++next));
        }
    }

    /** Commits the numbers {@link #sequence} gave a batch now delivered. Caller holds {@link #orderLock}. */
    void sequenced(Message[] batch) {
        lastSequence += batch.length;
    }

    /**
     * Adds a member to a group, creating the group on first use; {@code group} null makes a private,
     * non-durable group for the member alone.
     */
    synchronized GroupQueue join(String group, Member member, int maxSubscribers) {
        if (maxSubscribers > 0 && subscribers >= maxSubscribers) {
            throw new MaxSubscribersReachedException(name, maxSubscribers, "Topic '" + name + "' already has "
                    + subscribers + " subscribers, the most allowed (max-subscribers-per-topic=" + maxSubscribers
                    + "); close unused subscribers or raise kincir.memory.max-subscribers-per-topic");
        }
        GroupQueue queue;
        if (group == null) {
            queue = new GroupQueue(this, "private-" + (++privateGroups), false, queueCapacity, counters);
            addGroup(queue);
        } else {
            queue = groupsByName.get(group);
            if (queue == null) {
                queue = new GroupQueue(this, group, true, queueCapacity, counters);
                groupsByName.put(group, queue);
                addGroup(queue);
            }
        }
        queue.addMember(member);
        subscribers++;
        return queue;
    }

    /** Removes a member; a private group goes with it, a durable group keeps its messages for later members. */
    synchronized void leave(GroupQueue queue, Member member) {
        queue.removeMember(member);
        subscribers--;
        if (!queue.durable) {
            groups = Arrays.stream(groups).filter(each -> each != queue).toArray(GroupQueue[]::new);
            queue.delete();
        }
    }

    /** Deletes a durable group and what it holds. */
    synchronized boolean deleteGroup(String group) {
        GroupQueue queue = groupsByName.remove(group);
        if (queue == null) {
            return false;
        }
        groups = Arrays.stream(groups).filter(each -> each != queue).toArray(GroupQueue[]::new);
        queue.delete();
        return true;
    }

    synchronized int subscribers() {
        return subscribers;
    }

    List<String> groupNames() {
        List<String> names = new ArrayList<>();
        for (GroupQueue queue : groups) {
            names.add(queue.name);
        }
        return names;
    }

    private void addGroup(GroupQueue queue) {
        GroupQueue[] next = Arrays.copyOf(groups, groups.length + 1);
        next[groups.length] = queue;
        groups = next;
    }
}

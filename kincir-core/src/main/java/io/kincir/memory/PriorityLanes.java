package io.kincir.memory;

import io.kincir.MetadataKeys;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.Consumer;

/**
 * The messages of a group's queue that carry a {@code _priority} above the lowest: one FIFO lane per
 * level, the highest non-empty lane taken first. A queue makes its lanes when the first such message
 * comes, so a topic that never sees one pays nothing for them. Guarded by the queue's take lock.
 */
final class PriorityLanes {

    @SuppressWarnings("unchecked")
    private final ArrayDeque<Entry>[] lanes = new ArrayDeque[MetadataKeys.MAX_PRIORITY + 1];
    private int size;
    /** The highest level that may hold a message: no lane above it does. */
    private int top;

    void add(int priority, Entry entry) {
        ArrayDeque<Entry> lane = lanes[priority];
        if (lane == null) {
            lane = new ArrayDeque<>();
            lanes[priority] = lane;
        }
        lane.addLast(entry);
        size++;
        top = Math.max(top, priority);
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** @return the oldest message of the highest priority, or null if there is none */
    Entry poll() {
        for (; top > MetadataKeys.MIN_PRIORITY; top--) {
            ArrayDeque<Entry> lane = lanes[top];
            if (lane != null && !lane.isEmpty()) {
                size--;
                return lane.pollFirst();
            }
        }
        return null;
    }

    /**
     * Removes the messages expired at {@code now}, giving each to {@code removed}.
     *
     * @return how many it removed
     */
    int removeExpired(long now, Consumer<Entry> removed) {
        int count = 0;
        for (ArrayDeque<Entry> lane : lanes) {
            if (lane == null) {
                continue;
            }
            for (Iterator<Entry> it = lane.iterator(); it.hasNext(); ) {
                Entry entry = it.next();
                if (Chunk.expired(entry.deadline(), now)) {
                    it.remove();
                    size--;
                    count++;
                    removed.accept(entry);
                }
            }
        }
        return count;
    }

    void clear() {
        for (ArrayDeque<Entry> lane : lanes) {
            if (lane != null) {
                lane.clear();
            }
        }
        size = 0;
        top = MetadataKeys.MIN_PRIORITY;
    }
}

package io.kincir.benchmarks;

import io.kincir.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * The baseline: the hand-off a user could write by hand, one {@link ArrayBlockingQueue} per group.
 * A publisher {@code put}s each message into every group's queue (the JDK queue has no batch
 * insert); a receiver {@code take}s one message, and when batches are published it also
 * {@code drainTo}s up to a batch more under the same lock, the cheapest way to empty the queue.
 * Each queue holds a whole round, so publishers never wait for room, as Kincir's unbounded queues
 * never make them wait.
 */
final class QueueTransport implements Transport {

    /** Told apart by identity: each receiver stops at the first one it takes. */
    private static final Message STOP = Message.of(new byte[0]);

    private final Topology topology;
    private final List<ArrayBlockingQueue<Message>> queues = new ArrayList<>();
    private final List<Receiver> receivers = new ArrayList<>();

    QueueTransport(Topology topology, int capacity, int drainBatch) {
        this.topology = topology;
        for (int group = 0; group < topology.groups; group++) {
            ArrayBlockingQueue<Message> queue = new ArrayBlockingQueue<>(capacity + topology.membersPerGroup);
            queues.add(queue);
            for (int member = 0; member < topology.membersPerGroup; member++) {
                receivers.add(drainBatch > 1 ? new DrainingReceiver(group, queue, drainBatch) : new TakingReceiver(group, queue));
            }
        }
    }

    @Override
    public void send(List<Message> batch) throws InterruptedException {
        for (ArrayBlockingQueue<Message> queue : queues) {
            for (int i = 0, size = batch.size(); i < size; i++) {
                queue.put(batch.get(i));
            }
        }
    }

    @Override
    public List<Receiver> receivers() {
        return receivers;
    }

    @Override
    public void close() {
        for (ArrayBlockingQueue<Message> queue : queues) {
            for (int member = 0; member < topology.membersPerGroup; member++) {
                queue.add(STOP);
            }
        }
    }

    private record TakingReceiver(int group, ArrayBlockingQueue<Message> queue) implements Receiver {

        @Override
        public Message next() throws InterruptedException {
            Message message = queue.take();
            return message == STOP ? null : message;
        }
    }

    /** Takes one message, blocking, then drains what else is there into a local buffer. */
    private static final class DrainingReceiver implements Receiver {

        private final int group;
        private final ArrayBlockingQueue<Message> queue;
        private final int drainBatch;
        private final ArrayList<Message> buffer;
        private int next;

        DrainingReceiver(int group, ArrayBlockingQueue<Message> queue, int drainBatch) {
            this.group = group;
            this.queue = queue;
            this.drainBatch = drainBatch;
            this.buffer = new ArrayList<>(drainBatch);
        }

        @Override
        public int group() {
            return group;
        }

        @Override
        public Message next() throws InterruptedException {
            if (next == buffer.size()) {
                buffer.clear();
                next = 0;
                buffer.add(queue.take());
                queue.drainTo(buffer, drainBatch - 1);
            }
            Message message = buffer.get(next++);
            if (message != STOP) {
                return message;
            }
            // The other members' stops may have been drained here too: hand them back.
            for (int i = next; i < buffer.size(); i++) {
                queue.add(buffer.get(i));
            }
            buffer.clear();
            next = 0;
            return null;
        }
    }
}

package io.kincir.benchmarks;

import io.kincir.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The latency floor: one lock-free {@link ConcurrentLinkedQueue} per group, polled by its receivers in
 * a loop that never parks. A hand-off costs a few hundred nanoseconds and nobody is ever woken, so
 * what its latency tail shows is the machine: the moments it did not run the publisher or the
 * receiver. No transport with the same two threads can have a shorter tail on the same machine; it
 * pays for that with a whole CPU per receiver, busy or not.
 */
final class SpinningQueueTransport implements Transport {

    private final List<ConcurrentLinkedQueue<Message>> queues = new ArrayList<>();
    private final List<Receiver> receivers = new ArrayList<>();
    private volatile boolean closed;

    SpinningQueueTransport(Topology topology) {
        for (int group = 0; group < topology.groups; group++) {
            ConcurrentLinkedQueue<Message> queue = new ConcurrentLinkedQueue<>();
            queues.add(queue);
            for (int member = 0; member < topology.membersPerGroup; member++) {
                receivers.add(new SpinningReceiver(group, queue));
            }
        }
    }

    @Override
    public void send(List<Message> batch) {
        for (ConcurrentLinkedQueue<Message> queue : queues) {
            queue.addAll(batch);
        }
    }

    @Override
    public List<Receiver> receivers() {
        return receivers;
    }

    @Override
    public void close() {
        closed = true;
    }

    private final class SpinningReceiver implements Receiver {

        private final int group;
        private final ConcurrentLinkedQueue<Message> queue;

        SpinningReceiver(int group, ConcurrentLinkedQueue<Message> queue) {
            this.group = group;
            this.queue = queue;
        }

        @Override
        public int group() {
            return group;
        }

        @Override
        public Message next() {
            while (true) {
                // Read before polling: a message published before close() is still taken.
                boolean last = closed;
                Message message = queue.poll();
                if (message != null || last) {
                    return message;
                }
                Thread.onSpinWait();
            }
        }
    }
}

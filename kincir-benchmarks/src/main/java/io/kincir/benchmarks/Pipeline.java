package io.kincir.benchmarks;

import io.kincir.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Publisher and receiver threads over a {@link Transport}, run in rounds. A round publishes
 * {@link #MESSAGES} messages, split between the publishers and sent in batches, and ends when every
 * group has received every one of them, counted. A JMH invocation is one round, so each iteration
 * ends with nothing in flight and no thread blocked, and with
 * {@code @OperationsPerInvocation(Pipeline.MESSAGES)} the score is messages per second. Within a
 * round publishers and receivers run concurrently on their own threads: a real cross-thread hand-off.
 *
 * <p>Counting costs each received message one atomic decrement of its group's counter, the same for
 * every transport.
 */
final class Pipeline implements AutoCloseable {

    /** Messages published per round: divisible by 4 publishers times batches of 100. */
    static final int MESSAGES = 100_000;

    /** Each publisher cycles through this many prepared batches, so messages are not all one object. */
    private static final int DISTINCT_BATCHES = 10;
    /** Group counters sit this many longs apart, on separate cache lines. */
    private static final int PAD = 16;
    private static final long ROUND_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Transport transport;
    private final Topology topology;
    private final int batchesPerRound;
    private final AtomicLongArray remaining;
    private final AtomicInteger groupsRemaining = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<Thread> publisherThreads = new ArrayList<>();
    private final List<Thread> receiverThreads = new ArrayList<>();
    private final List<ReceiverLoop> receiverLoops = new ArrayList<>();
    private volatile Thread waiter;
    private volatile int round;
    private volatile boolean closed;

    /**
     * Starts the threads; they wait for {@link #runRound()}.
     *
     * @param topology who publishes and who receives
     * @param transport what carries the messages, built for the same topology
     * @param payloadBytes the size of each message's payload
     * @param batchSize messages per publish
     */
    Pipeline(Topology topology, Transport transport, int payloadBytes, int batchSize) {
        int perPublisher = MESSAGES / topology.publishers;
        if (perPublisher % batchSize != 0) {
            throw new IllegalArgumentException("A round of " + perPublisher + " messages per publisher is not a whole "
                    + "number of batches of " + batchSize);
        }
        this.topology = topology;
        this.transport = transport;
        this.batchesPerRound = perPublisher / batchSize;
        this.remaining = new AtomicLongArray(topology.groups * PAD);
        for (int p = 0; p < topology.publishers; p++) {
            List<List<Message>> batches = batches(payloadBytes, batchSize);
            publisherThreads.add(start("bench-publisher-" + p, () -> publish(batches)));
        }
        for (Transport.Receiver receiver : transport.receivers()) {
            ReceiverLoop loop = new ReceiverLoop(receiver);
            receiverLoops.add(loop);
            receiverThreads.add(start("bench-receiver-" + receiverThreads.size(), loop));
        }
    }

    /**
     * Publishes one round and waits until every group received all of it.
     *
     * @return the messages published
     * @throws IllegalStateException if a publisher or receiver failed, or the round did not end within a minute
     */
    long runRound() throws InterruptedException {
        for (int group = 0; group < topology.groups; group++) {
            remaining.set(group * PAD, MESSAGES);
        }
        groupsRemaining.set(topology.groups);
        waiter = Thread.currentThread();
        round++;
        publisherThreads.forEach(LockSupport::unpark);
        long deadline = System.nanoTime() + ROUND_TIMEOUT_NANOS;
        while (groupsRemaining.get() > 0) {
            rethrowFailure();
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("A round did not complete within a minute: " + missing() + " deliveries missing");
            }
            LockSupport.parkNanos(this, left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        rethrowFailure();
        return MESSAGES;
    }

    /** @return the payload bytes every receiver counted; valid after {@link #close()} */
    long receivedBytes() {
        long total = 0;
        for (ReceiverLoop loop : receiverLoops) {
            total += loop.bytes;
        }
        return total;
    }

    /** @return deliveries counted beyond the rounds' (negative) or still missing (positive) */
    long missing() {
        long sum = 0;
        for (int group = 0; group < topology.groups; group++) {
            sum += remaining.get(group * PAD);
        }
        return sum;
    }

    /** Stops the publishers, then closes the transport and waits for the receivers to drain and stop. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        publisherThreads.forEach(LockSupport::unpark);
        for (Thread thread : publisherThreads) {
            thread.join();
        }
        transport.close();
        for (Thread thread : receiverThreads) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
            if (thread.isAlive()) {
                throw new IllegalStateException(thread.getName() + " did not stop after the transport closed");
            }
        }
        rethrowFailure();
    }

    private void publish(List<List<Message>> batches) {
        int done = 0;
        try {
            while (true) {
                while (round == done) {
                    if (closed) {
                        return;
                    }
                    LockSupport.park(this);
                }
                done++;
                for (int b = 0; b < batchesPerRound; b++) {
                    transport.send(batches.get(b % DISTINCT_BATCHES));
                }
            }
        } catch (Throwable e) {
            fail(e);
        }
    }

    private final class ReceiverLoop implements Runnable {

        private final Transport.Receiver receiver;
        private final int slot;
        long bytes;

        ReceiverLoop(Transport.Receiver receiver) {
            this.receiver = receiver;
            this.slot = receiver.group() * PAD;
        }

        @Override
        public void run() {
            try {
                long total = 0;
                Message message;
                while ((message = receiver.next()) != null) {
                    total += message.payload().length;
                    if (remaining.decrementAndGet(slot) == 0 && groupsRemaining.decrementAndGet() == 0) {
                        LockSupport.unpark(waiter);
                    }
                }
                bytes = total;
            } catch (Throwable e) {
                fail(e);
            }
        }
    }

    private void fail(Throwable e) {
        failure.compareAndSet(null, e);
        Thread waiting = waiter;
        if (waiting != null) {
            LockSupport.unpark(waiting);
        }
    }

    private void rethrowFailure() {
        Throwable e = failure.get();
        if (e != null) {
            throw new IllegalStateException("A benchmark thread failed: " + e, e);
        }
    }

    private static List<List<Message>> batches(int payloadBytes, int batchSize) {
        List<List<Message>> batches = new ArrayList<>(DISTINCT_BATCHES);
        for (int b = 0; b < DISTINCT_BATCHES; b++) {
            batches.add(MessageBatches.of(batchSize, payloadBytes));
        }
        return batches;
    }

    private static Thread start(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}

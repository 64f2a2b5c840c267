package io.kincir.listener;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The consumer threads of one run of a container, from start to a graceful stop. */
final class RunningConsumers {

    private static final System.Logger LOG = System.getLogger(RunningConsumers.class.getName());

    private final String id;
    private final List<ListenerConsumer> consumers;
    private final StopSignal signal;
    private final Tally tally;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    RunningConsumers(String id, List<ListenerConsumer> consumers, StopSignal signal, Tally tally, int concurrency) {
        this.id = id;
        this.consumers = List.copyOf(consumers);
        this.signal = signal;
        this.tally = tally;
        for (int i = 0; i < this.consumers.size(); i++) {
            this.consumers.get(i).start("kincir-" + id + "-" + (i / concurrency) + "-" + (i % concurrency));
        }
    }

    /** @return how many consumers are still receiving or handling */
    int alive() {
        return (int) consumers.stream().filter(consumer -> !consumer.finished()).count();
    }

    /** Wakes consumers waiting to receive, so that they see a pause before the next message. */
    void wakeIdle() {
        consumers.forEach(ListenerConsumer::wakeIfIdle);
    }

    /**
     * Raises the stop signal, wakes idle consumers, and waits for them on a thread of its own: those
     * still busy after {@code shutdownTimeout} are interrupted, and abandoned if that does not help.
     *
     * @return completes when that is done
     */
    CompletableFuture<Void> stop(Duration shutdownTimeout) {
        signal.raise();
        consumers.forEach(ListenerConsumer::wakeIfIdle);
        Thread waiter = new Thread(() -> {
            try {
                awaitConsumers(shutdownTimeout);
            } finally {
                stopped.complete(null);
            }
        }, "kincir-" + id + "-stop");
        waiter.setDaemon(true);
        waiter.start();
        return stopped;
    }

    private void awaitConsumers(Duration shutdownTimeout) {
        long deadline = System.nanoTime() + shutdownTimeout.toNanos();
        for (ListenerConsumer consumer : consumers) {
            if (!join(consumer.thread(), deadline - System.nanoTime())) {
                LOG.log(Level.WARNING, "Listener '" + id + "' still has handlers running after the shutdown timeout of "
                        + shutdownTimeout + "; interrupting them");
                consumers.forEach(each -> each.thread().interrupt());
                long grace = System.nanoTime() + ListenerContainer.INTERRUPT_GRACE.toNanos();
                consumers.forEach(each -> join(each.thread(), grace - System.nanoTime()));
                break;
            }
        }
        long abandoned = consumers.stream().filter(consumer -> !consumer.finished()).count();
        if (abandoned > 0) {
            tally.error(abandoned + " consumer threads did not stop within the shutdown timeout of " + shutdownTimeout);
            LOG.log(Level.ERROR, "Listener '" + id + "' abandoned " + abandoned + " consumer threads that did not stop; "
                    + "their unacknowledged messages go back to the group when their subscribers close");
        }
    }

    private static boolean join(Thread thread, long nanos) {
        try {
            if (nanos > 0) {
                TimeUnit.NANOSECONDS.timedJoin(thread, nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }
}

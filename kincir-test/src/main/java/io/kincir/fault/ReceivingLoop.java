package io.kincir.fault;

import io.kincir.AckSubscriber;
import io.kincir.BackendUnavailableException;
import io.kincir.Delivery;
import io.kincir.Subscriber;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A thread that receives from one subscriber until stopped, recording what it handled, and goes on
 * with the same subscriber after a failure: a subscriber resumes by itself once its broker is back. A
 * receive may fail with {@link BackendUnavailableException} while the broker is unreachable, and an
 * {@code ack} with {@link IllegalStateException} when the delivery's connection was lost (the broker
 * then gives the message to the group again); both are counted, any other failure is kept as
 * unexpected.
 */
final class ReceivingLoop {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final long PAUSE_AFTER_FAILURE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Handled handled;
    private final Subscriber plain;
    private final AckSubscriber acknowledging;
    private final AtomicInteger receiveFailures = new AtomicInteger();
    private final AtomicInteger settleFailures = new AtomicInteger();
    private final Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    private ReceivingLoop(Handled handled, Subscriber plain, AckSubscriber acknowledging) {
        this.handled = handled;
        this.plain = plain;
        this.acknowledging = acknowledging;
        this.thread = new Thread(this::run, "fault-test-" + handled.consumer().replace(' ', '-'));
        this.thread.setDaemon(true);
    }

    /** @return a loop over a plain subscriber, which acknowledges on receipt */
    static ReceivingLoop plain(Subscriber subscriber, Handled handled) {
        return new ReceivingLoop(handled, subscriber, null);
    }

    /** @return a loop over an ack subscriber, acknowledging each delivery once recorded */
    static ReceivingLoop acknowledging(AckSubscriber subscriber, Handled handled) {
        return new ReceivingLoop(handled, null, subscriber);
    }

    private void run() {
        while (running) {
            try {
                if (plain != null) {
                    plain.receive(POLL).ifPresent(handled::add);
                } else {
                    receiveAndAck();
                }
            } catch (InterruptedException e) {
                return;
            } catch (BackendUnavailableException e) {
                receiveFailures.incrementAndGet();
                pause();
            } catch (RuntimeException e) {
                unexpected.add(e);
                pause();
            }
        }
    }

    private void receiveAndAck() throws InterruptedException {
        Optional<Delivery> delivery = acknowledging.receive(POLL);
        if (delivery.isEmpty()) {
            return;
        }
        handled.add(delivery.get().message());
        try {
            delivery.get().ack();
        } catch (IllegalStateException | BackendUnavailableException e) {
            settleFailures.incrementAndGet();
        }
    }

    private static void pause() {
        // Not a wait for a condition: a receive that failed at once must not spin while the broker is down.
        LockSupport.parkNanos(PAUSE_AFTER_FAILURE_NANOS);
    }

    void start() {
        thread.start();
    }

    /** Stops receiving and closes the subscriber. */
    void stop() throws InterruptedException {
        running = false;
        thread.join(TimeUnit.SECONDS.toMillis(30));
        try {
            if (plain != null) {
                plain.close();
            } else {
                acknowledging.close();
            }
        } catch (RuntimeException e) {
            unexpected.add(e);
        }
    }

    Handled handled() {
        return handled;
    }

    int receiveFailures() {
        return receiveFailures.get();
    }

    int settleFailures() {
        return settleFailures.get();
    }

    List<Throwable> unexpected() {
        return List.copyOf(unexpected);
    }
}

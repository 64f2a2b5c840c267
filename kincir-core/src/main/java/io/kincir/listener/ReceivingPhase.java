package io.kincir.listener;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The stretch of one consumer thread in which it waits to receive, the only place a stop or a pause
 * interrupts it: an interrupt must never reach the handler. The consumer enters and leaves it for
 * every message, so it takes no lock: a monitor entered and left twice per message, as this was
 * before, cost the listener container a measurable share of its throughput on the in-memory broker.
 *
 * <p>The consumer {@linkplain #enter() enters}, then checks for a stop or a pause; whoever raises one
 * does so first, then calls {@link #interruptIfReceiving(Thread)}. Both steps of each side are
 * volatile, so at least one side sees the other's: the consumer sees the stop, or the waker sees the
 * consumer receiving and interrupts it. {@link #leave()} waits for an interrupt that is being delivered
 * and clears it, so none outlives the phase.
 */
final class ReceivingPhase {

    private static final int IDLE = 0;
    private static final int RECEIVING = 1;
    private static final int INTERRUPTING = 2;

    private final AtomicInteger state = new AtomicInteger(IDLE);

    /** The consumer thread, before it checks for a stop or a pause and receives. */
    void enter() {
        state.set(RECEIVING);
    }

    /** The consumer thread, once it received, timed out or gave up: no interrupt for it lasts beyond this. */
    void leave() {
        if (!state.compareAndSet(RECEIVING, IDLE)) {
            // A waker is interrupting us this very moment: let it finish, then clear what it set.
            while (state.get() != IDLE) {
                Thread.onSpinWait();
            }
        }
        Thread.interrupted();
    }

    /**
     * Any thread, after it raised a stop or a pause: interrupts the consumer if it is between
     * {@link #enter()} and {@link #leave()}, so that it does not wait out its poll timeout.
     *
     * @param consumer the consumer thread
     */
    void interruptIfReceiving(Thread consumer) {
        if (state.compareAndSet(RECEIVING, INTERRUPTING)) {
            try {
                consumer.interrupt();
            } finally {
                state.set(IDLE);
            }
        }
    }
}

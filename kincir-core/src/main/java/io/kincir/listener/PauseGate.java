package io.kincir.listener;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Whether a container's consumers may receive: closed while the container is paused. A paused
 * consumer keeps its subscriber (and so its place in the group) and waits here instead of receiving;
 * the state outlives a stop, so a container paused before it starts, or stopped while paused, starts
 * paused. Thread-safe.
 */
final class PauseGate {

    // Volatile, so that a consumer asks without the lock before each message; the lock is for waiting.
    private volatile boolean paused;

    synchronized void pause() {
        paused = true;
    }

    synchronized void resume() {
        paused = false;
        notifyAll();
    }

    boolean paused() {
        return paused;
    }

    /** Wakes the consumers waiting here, so that they see a stop at once. */
    synchronized void wake() {
        notifyAll();
    }

    /**
     * Waits at most {@code timeout} while the gate is closed, returning early when it opens or
     * {@link #wake()} is called. The stop signal is checked under the gate's lock, and a stop raises
     * the signal before it wakes the gate, so no stop is missed.
     *
     * @return whether the gate was closed: the caller checks for a stop and asks again
     */
    boolean holds(StopSignal stop, Duration timeout) {
        return paused && waitWhilePaused(stop, timeout);
    }

    private synchronized boolean waitWhilePaused(StopSignal stop, Duration timeout) {
        if (!paused) {
            return false;
        }
        if (stop.raised()) {
            return true;
        }
        try {
            TimeUnit.NANOSECONDS.timedWait(this, timeout.toNanos());
        } catch (InterruptedException e) {
            // A stop interrupts consumers it finds idle; the caller sees the stop signal.
        }
        return true;
    }
}

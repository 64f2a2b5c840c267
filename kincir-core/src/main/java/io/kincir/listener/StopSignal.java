package io.kincir.listener;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Raised once when a container stops; back-off waits end early on it, so a stop is not held up by them. */
final class StopSignal {

    private final CountDownLatch stopped = new CountDownLatch(1);

    void raise() {
        stopped.countDown();
    }

    boolean raised() {
        return stopped.getCount() == 0;
    }

    /**
     * Waits for the duration unless the signal is raised first.
     *
     * @return whether the whole duration passed without a stop
     */
    boolean pause(Duration duration) {
        try {
            return !stopped.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

package io.kincir.spring.boot.autoconfigure;

import io.kincir.listener.ListenerContainer;
import io.kincir.spring.InvalidKincirListenerException;
import java.time.Duration;

/**
 * Fits the listeners' shutdown timeout into Spring Boot's shutdown phase. The context waits
 * {@code spring.lifecycle.timeout-per-shutdown-phase} for the listener registry to stop, then goes on
 * and closes the backend; a stop that takes longer (the shutdown timeout, then the grace interrupted
 * handlers get) would close the backend under handlers still running, which then can neither publish
 * nor acknowledge.
 */
final class ListenerShutdownTimeout {

    /** Spring Boot's {@code spring.lifecycle.timeout-per-shutdown-phase} when it is not set. */
    static final Duration DEFAULT_SHUTDOWN_PHASE = Duration.ofSeconds(30);

    /** Left for the interrupt grace, closing the subscribers and the phases' own work. */
    private static final Duration MARGIN = Duration.ofSeconds(5);

    private ListenerShutdownTimeout() {
    }

    /**
     * @param configured {@code kincir.listener.shutdown-timeout}, or null when unset
     * @param shutdownPhase {@code spring.lifecycle.timeout-per-shutdown-phase}
     * @return the configured timeout, or the phase less 5 s, at least half of it, when unset
     * @throws InvalidKincirListenerException if a listener stopping that long would overrun the phase
     */
    static Duration within(Duration configured, Duration shutdownPhase) {
        Duration timeout = configured != null ? configured : derived(shutdownPhase);
        Duration stop = timeout.plus(ListenerContainer.INTERRUPT_GRACE);
        if (stop.compareTo(shutdownPhase) >= 0) {
            throw new InvalidKincirListenerException("A listener may take " + format(stop) + " to stop (kincir.listener."
                    + "shutdown-timeout " + format(timeout) + ", then " + format(ListenerContainer.INTERRUPT_GRACE)
                    + " for interrupted handlers), but Spring Boot waits only " + format(shutdownPhase) + " for it (spring.lifecycle.timeout-per-"
                    + "shutdown-phase) before it closes the backend under the handlers still running.",
                    "Set kincir.listener.shutdown-timeout below "
                    + format(shutdownPhase.minus(ListenerContainer.INTERRUPT_GRACE))
                    + ", or leave it unset to follow the phase, or raise spring.lifecycle.timeout-per-shutdown-phase");
        }
        return timeout;
    }

    private static Duration derived(Duration shutdownPhase) {
        Duration lessMargin = shutdownPhase.minus(MARGIN);
        Duration half = shutdownPhase.dividedBy(2);
        return lessMargin.compareTo(half) > 0 ? lessMargin : half;
    }

    private static String format(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }
}

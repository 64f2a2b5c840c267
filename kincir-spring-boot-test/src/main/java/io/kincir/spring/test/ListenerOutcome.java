package io.kincir.spring.test;

import java.util.List;

/**
 * What became of a message {@link KincirTestRecorder#deliver delivered} to a listener.
 *
 * @param handled whether an attempt succeeded; if not, the message went to the dead-letter topic
 * @param failures why the failed attempts failed, in order
 */
public record ListenerOutcome(boolean handled, List<Throwable> failures) {

    public ListenerOutcome {
        failures = List.copyOf(failures);
    }

    /** @return whether the listener gave up on the message and published it to the dead-letter topic */
    public boolean deadLettered() {
        return !handled;
    }

    /** @return how many times the listener's method was called with the message */
    public int attempts() {
        return failures.size() + (handled ? 1 : 0);
    }
}

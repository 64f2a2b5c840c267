package io.kincir.listener;

/**
 * The container stopped while a failed message waited for its next attempt; carries the last failure
 * and how many attempts were made. The message is given back to the broker rather than tried again at
 * once or dead-lettered: the next start handles it afresh.
 */
final class BackoffStoppedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int attempts;

    BackoffStoppedException(int attempts, Throwable lastFailure) {
        super("The listener stopped after " + attempts + " failed attempts, before the next", lastFailure, false,
                false);
        this.attempts = attempts;
    }

    int attempts() {
        return attempts;
    }
}

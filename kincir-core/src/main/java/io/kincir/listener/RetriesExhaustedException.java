package io.kincir.listener;

/** Every attempt failed; carries the last failure and how many attempts were made. */
final class RetriesExhaustedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int attempts;

    RetriesExhaustedException(int attempts, Throwable lastFailure) {
        super("Handling failed on all " + attempts + " attempts", lastFailure, false, false);
        this.attempts = attempts;
    }

    int attempts() {
        return attempts;
    }
}

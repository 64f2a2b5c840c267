package io.kincir.listener;

import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** A listener's counts and last error, shared by its consumer threads. */
final class Tally {

    private record LastError(String description, Instant at) {
    }

    final LongAdder handled = new LongAdder();
    final LongAdder failedAttempts = new LongAdder();
    final LongAdder deadLettered = new LongAdder();
    final LongAdder handlerErrors = new LongAdder();
    final LongAdder consumerRestarts = new LongAdder();
    private final AtomicReference<LastError> lastError = new AtomicReference<>();

    void error(String description) {
        lastError.set(new LastError(description, Instant.now()));
    }

    String lastError() {
        LastError error = lastError.get();
        return error == null ? null : error.description;
    }

    Instant lastErrorAt() {
        LastError error = lastError.get();
        return error == null ? null : error.at;
    }

    /**
     * Longest description kept: an exception may quote a whole payload, and {@code _error}, the health
     * details and the logs must stay small (a broker refuses headers over its frame size).
     */
    static final int MAX_DESCRIPTION = 1_000;

    /**
     * @return {@code ClassName: message}, the form {@code _error} and the last error take, cut to
     *     {@link #MAX_DESCRIPTION} characters with a note of how many more there were
     */
    static String describe(Throwable failure) {
        String message = failure.getMessage();
        String full = failure.getClass().getName() + (message == null || message.isBlank() ? "" : ": " + message);
        if (full.length() <= MAX_DESCRIPTION) {
            return full;
        }
        // Never split a surrogate pair: half a character would not encode.
        int end = Character.isHighSurrogate(full.charAt(MAX_DESCRIPTION - 1)) ? MAX_DESCRIPTION - 1 : MAX_DESCRIPTION;
        return full.substring(0, end) + String.format(Locale.ROOT, "… (%,d more characters)", full.length() - end);
    }
}

package io.kincir.listener;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** A listener's counts and last error, shared by its consumer threads. */
final class Tally {

    private record LastError(String description, Instant at) {
    }

    final LongAdder handled = new LongAdder();
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

    /** @return {@code ClassName: message}, the form {@code _error} and the last error take */
    static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}

package io.kincir.listener;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** A listener's counts and last error, shared by its consumer threads. */
final class Tally {

    private record LastError(String description, Instant at) {
    }

    /** Counts of the consumers running now; guarded by this. */
    private final List<Handled> handledByRunning = new ArrayList<>();
    /** What consumers that finished handled; guarded by this. */
    private long handledByFinished;
    final LongAdder failedAttempts = new LongAdder();
    final LongAdder deadLettered = new LongAdder();
    final LongAdder handlerErrors = new LongAdder();
    final LongAdder consumerRestarts = new LongAdder();
    private final AtomicReference<LastError> lastError = new AtomicReference<>();

    /**
     * Messages one consumer thread handled. Only that thread writes it, with a plain store: an atomic
     * addition to a count the consumers shared took a twentieth of a listener's consumer thread on the
     * in-memory broker. It lies in the middle of an array of its own, so that no other object shares
     * its cache line: the counts of a listener's consumers are made one after the other.
     */
    static final class Handled {

        private static final VarHandle CELL = MethodHandles.arrayElementVarHandle(long[].class);
        /** 64 bytes of unused cells on either side of the count. */
        private static final int AT = 8;

        private final long[] cells = new long[2 * AT + 1];

        /** @param count messages handled just now; by the consumer thread alone */
        void add(int count) {
            if (count > 0) {
                CELL.setRelease(cells, AT, (long) CELL.get(cells, AT) + count);
            }
        }

        long get() {
            return (long) CELL.getAcquire(cells, AT);
        }
    }

    /** @return a count for a new consumer, included in {@link #handled()} until it is {@linkplain #retire retired} */
    synchronized Handled countHandled() {
        Handled count = new Handled();
        handledByRunning.add(count);
        return count;
    }

    /** A consumer finished: what it handled stays counted. */
    synchronized void retire(Handled count) {
        if (handledByRunning.remove(count)) {
            handledByFinished += count.get();
        }
    }

    /** @return messages handled by the listener's handler, by every consumer it ever had */
    synchronized long handled() {
        long sum = handledByFinished;
        for (Handled count : handledByRunning) {
            sum += count.get();
        }
        return sum;
    }

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

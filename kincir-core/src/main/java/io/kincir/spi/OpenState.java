package io.kincir.spi;

import io.kincir.BrokerShutdownException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether a backend (or one of its members) is still open, and the one error every backend throws
 * when it is used after close.
 */
public final class OpenState {

    private final String name;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** @param name what is closed, as a user knows it: "the Kafka backend", "this subscriber" */
    public OpenState(String name) {
        this.name = name;
    }

    /** @return true for the one call that closes it; false if it was already closed */
    public boolean close() {
        return closed.compareAndSet(false, true);
    }

    /** @return whether it was closed */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * @param action what was attempted, such as "publish to orders"
     * @throws BrokerShutdownException if it is closed
     */
    public void ensureOpen(String action) {
        if (closed.get()) {
            throw closedError(action);
        }
    }

    /**
     * @param action what was attempted
     * @return the error for an attempt after close, for a caller that found out another way
     */
    public BrokerShutdownException closedError(String action) {
        return closedError(action, null);
    }

    /**
     * Tells a failure caused by a close apart from any other: a publish cut short because the backend
     * closed under it fails as every use after close does.
     *
     * @param failure how the attempt failed
     * @param action what was attempted
     * @return the failure, or a {@link BrokerShutdownException} caused by it if this is closed
     */
    public RuntimeException explain(RuntimeException failure, String action) {
        return closed.get() && !(failure instanceof BrokerShutdownException) ? closedError(action, failure) : failure;
    }

    /**
     * @param action what was attempted
     * @param cause what the client reported as it was closed under the attempt, or null
     * @return the error for an attempt after close, or cut short by it
     */
    public BrokerShutdownException closedError(String action, Throwable cause) {
        return new BrokerShutdownException("Cannot " + action + ": " + name + " is closed. Create a new one"
                + " (in Spring Boot, the context closed it on shutdown)", cause);
    }
}

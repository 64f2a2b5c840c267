package io.kincir;

/** The backend was shut down: it accepts no more messages, and a receiver has nothing left to receive. */
public class BrokerShutdownException extends KincirException {

    private static final long serialVersionUID = 1L;

    /** @param message what happened */
    public BrokerShutdownException(String message) {
        super(message);
    }

    /**
     * @param message what happened
     * @param cause what the backend's client reported as it closed
     */
    public BrokerShutdownException(String message, Throwable cause) {
        super(message, cause);
    }
}

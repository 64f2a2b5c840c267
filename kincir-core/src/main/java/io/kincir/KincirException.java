package io.kincir;

/**
 * The root of every failure Kincir reports. Unchecked; subclasses say what happened, and their
 * messages say what to do about it.
 */
public class KincirException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what happened and what to do */
    public KincirException(String message) {
        super(message);
    }

    /**
     * @param message what happened and what to do
     * @param cause the underlying failure
     */
    public KincirException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.kincir;

/** The backend's server could not be reached or refused the operation; nothing was done. */
public class BackendUnavailableException extends KincirException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what happened and what to check
     * @param cause the client's failure
     */
    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @param message what happened and what to check */
    public BackendUnavailableException(String message) {
        super(message);
    }
}

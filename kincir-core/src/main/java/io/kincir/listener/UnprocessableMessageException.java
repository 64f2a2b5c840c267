package io.kincir.listener;

import io.kincir.KincirException;

/**
 * Thrown by a {@link MessageHandler} for a message that no attempt could handle, such as a request the
 * listener must refuse: the container dead-letters it at once, without retries, as it does a payload
 * that cannot be converted. The message says why, for the dead letter's {@code _error}.
 */
public class UnprocessableMessageException extends KincirException {

    private static final long serialVersionUID = 1L;

    /** @param message why the message cannot be handled, and what to change so that it can */
    public UnprocessableMessageException(String message) {
        super(message);
    }
}

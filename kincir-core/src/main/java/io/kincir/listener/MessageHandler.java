package io.kincir.listener;

import io.kincir.Message;

/** Handles one message for a {@link ListenerContainer}; throwing marks the attempt as failed. */
@FunctionalInterface
public interface MessageHandler {

    /**
     * @param message the message, with {@code _attempt} metadata saying which attempt this is (from 1)
     * @throws Exception when handling failed; the container retries, then dead-letters the message.
     *     A {@link io.kincir.MessageConversionException} is dead-lettered without retries, since
     *     trying again cannot convert the payload
     */
    void handle(Message message) throws Exception;
}

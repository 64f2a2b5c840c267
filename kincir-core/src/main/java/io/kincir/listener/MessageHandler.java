package io.kincir.listener;

import io.kincir.Message;

/** Handles one message for a {@link ListenerContainer}; throwing marks the attempt as failed. */
@FunctionalInterface
public interface MessageHandler {

    /**
     * @param message the message, with {@code _attempt} metadata saying which attempt this is (from 1)
     * @throws Exception when handling failed; the container retries, then dead-letters the message.
     *     A {@link io.kincir.MessageConversionException} or an {@link UnprocessableMessageException} is
     *     dead-lettered without retries, since trying again cannot help; after a
     *     {@link ResultNotPublishedException} only its publish is tried again, never the handler
     */
    void handle(Message message) throws Exception;
}

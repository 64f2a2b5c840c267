package io.kincir.spring;

import io.kincir.Message;

/** Produces one argument of a listener method from the message. */
@FunctionalInterface
interface ArgumentResolver {

    /**
     * @param message the message, with {@code _attempt}
     * @return the argument
     * @throws io.kincir.MessageConversionException if the payload cannot be converted
     */
    Object resolve(Message message);
}

package io.kincir.listener;

import io.kincir.Message;

/** Decides what becomes of a message that failed every attempt. */
interface Recoverer {

    /**
     * @param message the message as received
     * @param failure why the last attempt failed
     * @param attempts how many attempts were made
     * @return what became of it
     * @throws RuntimeException if it could not be recovered this time (the dead-letter topic refused it);
     *     trying again may work
     */
    Outcome recover(Message message, Throwable failure, int attempts);
}

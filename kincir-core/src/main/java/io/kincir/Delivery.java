package io.kincir;

/**
 * A message received through an {@link AckSubscriber}, to be settled exactly once with
 * {@link #ack()} or {@link #nack(boolean)}. Settling may happen on any thread.
 */
public interface Delivery {

    /** @return the message */
    Message message();

    /**
     * Acknowledges the message: the group will not receive it again.
     *
     * @throws IllegalStateException if the delivery was already settled, or its subscriber closed
     *     (the message then went back to the group)
     */
    void ack();

    /**
     * Rejects the message.
     *
     * @param requeue {@code true} to deliver it again to the group, {@code false} to drop it (the
     *     listener container dead-letters a message before it drops it)
     * @throws IllegalStateException if the delivery was already settled, or its subscriber closed
     */
    void nack(boolean requeue);
}

package io.kincir.spi;

import io.kincir.Delivery;
import io.kincir.Message;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A {@link Delivery} that is settled at most once, from any thread. The first {@code ack} or
 * {@code nack} wins and reaches the backend through {@link #onAck()} or {@link #onNack(boolean)};
 * every later one, and every one after the subscriber handed the delivery back to its group, throws
 * {@link IllegalStateException} with the same message on every backend.
 *
 * <p>A subscriber that closes with deliveries still unsettled calls {@link #returnToGroup()} on each
 * before it gives them back, so that a settle racing the close either wins (and the delivery is not
 * given back) or fails with the "subscriber closed" message.
 */
public abstract class SettleOnceDelivery implements Delivery {

    private static final int UNSETTLED = 0;
    private static final int SETTLED = 1;
    private static final int RETURNED = 2;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(SettleOnceDelivery.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Message message;
    @SuppressWarnings("unused") // through STATE
    private volatile int state;

    /** @param message the message delivered */
    protected SettleOnceDelivery(Message message) {
        this.message = message;
    }

    @Override
    public final Message message() {
        return message;
    }

    @Override
    public final void ack() {
        claim("ack");
        onAck();
    }

    @Override
    public final void nack(boolean requeue) {
        claim("nack");
        onNack(requeue);
    }

    /** Acknowledges the delivery on the backend; called at most once, and only if it was not settled. */
    protected abstract void onAck();

    /**
     * Rejects the delivery on the backend; called at most once, and only if it was not settled.
     *
     * @param requeue whether the message goes back to its group to be delivered again
     */
    protected abstract void onNack(boolean requeue);

    /**
     * @return whether the subscriber that handed this out is closed; a backend whose close returns
     *     deliveries without calling {@link #returnToGroup()} on each says so here
     */
    protected boolean subscriberClosed() {
        return false;
    }

    /**
     * Marks the delivery as handed back to its group by a closing subscriber.
     *
     * @return true if it was unsettled (the caller gives it back); false if a settle won the race
     */
    protected final boolean returnToGroup() {
        return STATE.compareAndSet(this, UNSETTLED, RETURNED);
    }

    /** @return whether the delivery was acknowledged, rejected or handed back */
    protected final boolean isSettled() {
        return (int) STATE.getVolatile(this) != UNSETTLED;
    }

    private void claim(String action) {
        if ((int) STATE.getVolatile(this) == UNSETTLED && !subscriberClosed()
                && STATE.compareAndSet(this, UNSETTLED, SETTLED)) {
            return;
        }
        throw new IllegalStateException((int) STATE.getVolatile(this) == SETTLED
                ? alreadySettled(action, message)
                : subscriberClosed(action, message));
    }

    /**
     * @param action {@code ack} or {@code nack}
     * @param message the message
     * @return the error message of a second settle, the same on every backend
     */
    public static String alreadySettled(String action, Message message) {
        return "Cannot " + action + " message " + message.uuid() + ": it was already settled";
    }

    /**
     * @param action {@code ack} or {@code nack}
     * @param message the message
     * @return the error message of a settle after the subscriber closed, the same on every backend
     */
    public static String subscriberClosed(String action, Message message) {
        return "Cannot " + action + " message " + message.uuid()
                + ": its subscriber closed, so it went back to the group to be delivered again";
    }
}

package io.kincir.listener;

import io.kincir.Delivery;
import java.lang.System.Logger.Level;

/** Settles a delivery as its outcome says: acknowledged, given back or dropped. */
final class Settlement {

    private static final System.Logger LOG = System.getLogger(Settlement.class.getName());

    private final ListenerTopic topic;
    private final AckMode ackMode;
    private final Tally tally;

    Settlement(ListenerTopic topic, AckMode ackMode, Tally tally) {
        this.topic = topic;
        this.ackMode = ackMode;
        this.tally = tally;
    }

    /**
     * Settles a delivery once its message is done: with {@link AckMode#AT_MOST_ONCE} it was acknowledged
     * before handling, so only a message that should have gone back is reported, as lost.
     */
    void finish(Delivery delivery, Outcome outcome) {
        if (ackMode == AckMode.AT_LEAST_ONCE) {
            settle(delivery, outcome);
        } else if (outcome == Outcome.REQUEUE) {
            LOG.log(Level.ERROR, "Listener '" + topic.listenerId() + "' lost message " + delivery.message().uuid()
                    + " from topic '" + topic.topic() + "': it was acknowledged before handling (AT_MOST_ONCE) "
                    + "and could not be given back");
        }
    }

    /** @return whether the delivery was settled; when not, the backend delivers it again */
    boolean settle(Delivery delivery, Outcome outcome) {
        try {
            switch (outcome) {
                case HANDLED, DEAD_LETTERED, PARKED -> delivery.ack();
                case DISCARD -> delivery.nack(false);
                case REQUEUE -> delivery.nack(true);
            }
            return true;
        } catch (RuntimeException e) {
            // The backend takes the message back when it cannot be settled (a closed channel, a lost
            // partition), so it is delivered again rather than lost; record why.
            tally.error("Could not settle message " + delivery.message().uuid() + " from topic '" + topic.topic()
                    + "' (" + outcome + "): " + Tally.describe(e));
            LOG.log(Level.WARNING, "Listener '" + topic.listenerId() + "' could not settle message "
                    + delivery.message().uuid() + " (" + outcome + ")", e);
            return false;
        }
    }
}

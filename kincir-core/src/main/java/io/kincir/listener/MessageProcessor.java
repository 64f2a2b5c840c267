package io.kincir.listener;

import io.kincir.Delivery;
import io.kincir.Message;
import java.lang.System.Logger.Level;

/**
 * Takes one delivery through the steps: acknowledge first ({@link AckMode#AT_MOST_ONCE}), attempt
 * with retries, recover what failed every attempt, and settle the delivery as the outcome says. A
 * stop during a retry back-off gives the message back ({@code nack(true)}).
 */
final class MessageProcessor {

    private static final System.Logger LOG = System.getLogger(MessageProcessor.class.getName());

    private final ListenerTopic topic;
    private final AckMode ackMode;
    private final RetryingHandler handler;
    private final Recoverer recoverer;
    private final ListenerObserver observer;
    private final Tally tally;

    MessageProcessor(ListenerTopic topic, AckMode ackMode, RetryingHandler handler, Recoverer recoverer,
            ListenerObserver observer, Tally tally) {
        this.topic = topic;
        this.ackMode = ackMode;
        this.handler = handler;
        this.recoverer = recoverer;
        this.observer = observer;
        this.tally = tally;
    }

    /** @return what became of the message */
    Outcome process(Delivery delivery) {
        Message message = delivery.message();
        try {
            observer.received(topic);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Listener observer " + observer + " failed; ignored", e);
        }
        if (ackMode == AckMode.AT_MOST_ONCE && !settle(delivery, Outcome.HANDLED)) {
            return Outcome.DISCARD;
        }
        Outcome outcome;
        try {
            handler.handle(message);
            tally.handled.increment();
            outcome = Outcome.HANDLED;
        } catch (RetriesExhaustedException e) {
            outcome = recoverer.recover(message, e.getCause(), e.attempts());
        } catch (BackoffStoppedException e) {
            // Acknowledged already at most once, so it cannot go back: dead-letter it with what it has.
            outcome = ackMode == AckMode.AT_LEAST_ONCE ? Outcome.REQUEUE
                    : recoverer.recover(message, e.getCause(), e.attempts());
        }
        if (ackMode == AckMode.AT_LEAST_ONCE) {
            settle(delivery, outcome);
        } else if (outcome == Outcome.REQUEUE) {
            LOG.log(Level.ERROR, "Listener '" + topic.listenerId() + "' lost message " + message.uuid()
                    + " from topic '" + topic.topic() + "': it was acknowledged before handling (AT_MOST_ONCE) "
                    + "and could not be given back");
        }
        return outcome;
    }

    private boolean settle(Delivery delivery, Outcome outcome) {
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

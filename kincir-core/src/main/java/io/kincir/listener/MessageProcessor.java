package io.kincir.listener;

import io.kincir.Delivery;
import io.kincir.Message;
import java.util.List;

/**
 * Takes one delivery through the steps: acknowledge first ({@link AckMode#AT_MOST_ONCE}), attempt
 * with retries, recover what failed every attempt, and settle the delivery as the outcome says. A
 * stop during a retry back-off gives the message back ({@code nack(true)}).
 */
final class MessageProcessor implements DeliveryProcessor {

    private final ListenerTopic topic;
    private final AckMode ackMode;
    private final RetryingHandler handler;
    private final Recoverer recoverer;
    private final ListenerObserver observer;
    private final Tally tally;
    private final Settlement settlement;

    MessageProcessor(ListenerTopic topic, AckMode ackMode, RetryingHandler handler, Recoverer recoverer,
            ListenerObserver observer, Tally tally) {
        this.topic = topic;
        this.ackMode = ackMode;
        this.handler = handler;
        this.recoverer = recoverer;
        this.observer = observer;
        this.tally = tally;
        this.settlement = new Settlement(topic, ackMode, tally);
    }

    @Override
    public int process(List<Delivery> deliveries) {
        int handled = 0;
        for (Delivery delivery : deliveries) {
            handled += processOne(delivery);
        }
        return handled;
    }

    @Override
    public int processOne(Delivery delivery) {
        return process(delivery) == Outcome.HANDLED ? 1 : 0;
    }

    /** @return what became of the message */
    Outcome process(Delivery delivery) {
        Message message = delivery.message();
        observer.received(topic);
        if (ackMode == AckMode.AT_MOST_ONCE && !settlement.settle(delivery, Outcome.HANDLED)) {
            return Outcome.DISCARD;
        }
        Outcome outcome;
        try {
            handler.handle(message);
            outcome = Outcome.HANDLED;
        } catch (RetriesExhaustedException e) {
            outcome = recoverer.recover(message, e.getCause(), e.attempts());
        } catch (BackoffStoppedException e) {
            // Acknowledged already at most once, so it cannot go back: dead-letter it with what it has.
            outcome = ackMode == AckMode.AT_LEAST_ONCE ? Outcome.REQUEUE
                    : recoverer.recover(message, e.getCause(), e.attempts());
        }
        settlement.finish(delivery, outcome);
        return outcome;
    }
}

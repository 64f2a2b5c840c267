package io.kincir.listener;

import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.Publisher;
import java.lang.System.Logger.Level;
import java.util.Map;

/**
 * Publishes a message that failed every attempt to the dead-letter topic, with {@code _error},
 * {@code _original_topic}, {@code _attempt} and {@code _dead_lettered_at}, keeping its uuid, payload and other metadata. If
 * that publish fails, the failure is recorded and thrown: {@link ParkingRecoverer} decides whether to
 * try again or to park the message.
 */
final class DeadLetterRecoverer implements Recoverer {

    private static final System.Logger LOG = System.getLogger(DeadLetterRecoverer.class.getName());

    private final Publisher publisher;
    private final String deadLetterTopic;
    private final ListenerTopic topic;
    private final ListenerObserver observer;
    private final Tally tally;

    DeadLetterRecoverer(Publisher publisher, String deadLetterTopic, ListenerTopic topic, ListenerObserver observer,
            Tally tally) {
        this.publisher = publisher;
        this.deadLetterTopic = deadLetterTopic;
        this.topic = topic;
        this.observer = observer;
        this.tally = tally;
    }

    @Override
    public Outcome recover(Message message, Throwable failure, int attempts) {
        String error = Tally.describe(failure);
        // A dead letter waits for an operator: it neither expires, nor waits, nor overtakes, and so can go to
        // the dead-letter topic of a backend that could not honour these keys.
        Message deadLetter = message.withoutMetadata(MetadataKeys.TTL).withoutMetadata(MetadataKeys.DELAY)
                .withoutMetadata(MetadataKeys.PRIORITY).withMetadata(Map.of(MetadataKeys.ERROR, error,
                MetadataKeys.ORIGINAL_TOPIC, topic.topic(), MetadataKeys.ATTEMPT, Integer.toString(attempts),
                MetadataKeys.DEAD_LETTERED_AT, Long.toString(System.currentTimeMillis())));
        try {
            publisher.publish(deadLetterTopic, deadLetter);
        } catch (RuntimeException e) {
            tally.error("Could not publish message " + message.uuid() + " to dead-letter topic '" + deadLetterTopic
                    + "': " + Tally.describe(e));
            LOG.log(Level.WARNING, "Listener '" + topic.listenerId() + "' could not publish message " + message.uuid()
                    + " to dead-letter topic '" + deadLetterTopic + "' after " + attempts + " failed attempts ("
                    + error + ")", e);
            throw e;
        }
        tally.deadLettered.increment();
        observer.deadLettered(topic, deadLetterTopic);
        LOG.log(Level.WARNING, "Listener '" + topic.listenerId() + "' dead-lettered message " + message.uuid()
                + " from topic '" + topic.topic() + "' to '" + deadLetterTopic + "' after " + attempts
                + (attempts == 1 ? " attempt: " : " attempts: ") + error);
        return Outcome.DEAD_LETTERED;
    }
}

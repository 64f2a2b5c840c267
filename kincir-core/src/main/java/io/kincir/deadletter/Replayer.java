package io.kincir.deadletter;

import io.kincir.KincirException;
import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.Publisher;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Publishes dead letters back to their original topics, one at a time, acknowledging each only after
 * its publish returned; the first publish that fails stops the replay, and what was not replayed stays.
 */
final class Replayer {

    private static final System.Logger LOG = System.getLogger(Replayer.class.getName());

    /** Keys that dead-lettering or the backend wrote, which a replayed copy does not carry. */
    private static final Set<String> NOT_REPLAYED = Set.of(MetadataKeys.ERROR, MetadataKeys.ORIGINAL_TOPIC,
            MetadataKeys.ATTEMPT, MetadataKeys.DEAD_LETTERED_AT, MetadataKeys.SEQUENCE, MetadataKeys.PUBLISHED_AT);

    private final Publisher publisher;

    Replayer(Publisher publisher) {
        this.publisher = publisher;
    }

    DeadLetterOutcome replay(String topic, HeldDeadLetters held, Selection selection) {
        List<String> replayed = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>(selection.skipped());
        for (DeadLetter deadLetter : selection.deadLetters()) {
            if (deadLetter.originalTopic() == null) {
                skipped.put(deadLetter.uuid(), "no " + MetadataKeys.ORIGINAL_TOPIC + " to replay it to");
                continue;
            }
            try {
                publisher.publish(deadLetter.originalTopic(), replayedCopy(deadLetter));
            } catch (RuntimeException e) {
                throw new KincirException("Replayed " + replayed.size() + " of " + selection.deadLetters().size()
                        + " dead letters of topic '" + topic + "'; publishing message " + deadLetter.uuid() + " to '"
                        + deadLetter.originalTopic() + "' failed, so it and those after it stay in the dead letters: "
                        + e.getMessage(), e);
            }
            String refused = held.remove(deadLetter);
            if (refused != null) {
                LOG.log(Level.WARNING, "Replayed dead letter " + deadLetter.uuid() + " of topic '" + topic + "', but it "
                        + "could not be acknowledged (" + refused + "): it may be listed, and replayed, again");
            }
            replayed.add(deadLetter.uuid());
        }
        return new DeadLetterOutcome(topic, replayed, skipped, held.complete());
    }

    /** @return the message as first published, with the replay counted */
    static Message replayedCopy(DeadLetter deadLetter) {
        Message message = deadLetter.message();
        Map<String, String> metadata = new HashMap<>(message.metadata());
        metadata.keySet().removeAll(NOT_REPLAYED);
        metadata.put(MetadataKeys.REPLAYED, Integer.toString(deadLetter.replayed() + 1));
        metadata.put(MetadataKeys.REPLAYED_AT, Long.toString(System.currentTimeMillis()));
        return Message.of(message.uuid(), message.payload(), metadata);
    }
}

package io.kincir.deadletter;

import java.util.List;
import java.util.Map;

/**
 * What a replay or a purge did.
 *
 * @param topic the dead-letter topic
 * @param uuids the dead letters replayed or purged, in the order they were
 * @param skipped the dead letters asked for that were left where they were, each with the reason: not
 *     among those read, or no {@code _original_topic} to replay to
 * @param complete whether the operation read every dead letter the topic's group held; false when it
 *     stopped at {@link DeadLetters.Builder#maxMessages(int)}: a replay or purge of all then leaves the
 *     rest for another call
 */
public record DeadLetterOutcome(String topic, List<String> uuids, Map<String, String> skipped, boolean complete) {

    public DeadLetterOutcome {
        uuids = List.copyOf(uuids);
        skipped = Map.copyOf(skipped);
    }

    /** @return how many dead letters were replayed or purged */
    public int count() {
        return uuids.size();
    }
}

package io.kincir.spring.actuate;

import io.kincir.deadletter.DeadLetterOutcome;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * What a replay or a purge did.
 *
 * @param action {@code replayed} or {@code purged}
 * @param topic the dead-letter topic
 * @param count how many dead letters it replayed or purged
 * @param uuids their uuids, in the order it took them
 * @param skipped those asked for and left where they were, each with the reason
 * @param complete whether it read every dead letter the group held (false: call again for the rest)
 */
public record DeadLetterOutcomeDescriptor(String action, String topic, int count, List<String> uuids,
        Map<String, String> skipped, boolean complete) implements OperationResponseBody {

    static DeadLetterOutcomeDescriptor of(String action, DeadLetterOutcome outcome) {
        return new DeadLetterOutcomeDescriptor(action, outcome.topic(), outcome.count(), outcome.uuids(),
                outcome.skipped(), outcome.complete());
    }
}

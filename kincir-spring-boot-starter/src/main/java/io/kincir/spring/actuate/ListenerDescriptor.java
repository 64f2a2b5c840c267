package io.kincir.spring.actuate;

import io.kincir.listener.ListenerState;
import java.util.List;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * One listener, as {@code /actuator/kincir} shows it.
 *
 * @param id the listener's id
 * @param topics the topics it consumes
 * @param group the group it consumes in
 * @param state {@code RUNNING}, {@code PAUSED} (running, its consumers subscribed but not receiving),
 *     {@code STOPPED}, or {@code MISSING_CONSUMERS} (running with fewer consumer threads than asked):
 *     {@link ListenerState#status()}
 * @param consumers how many consumer threads are receiving or handling now
 * @param consumersAsked how many it runs when all is well: concurrency times topics
 * @param handled messages handled successfully
 * @param failedAttempts attempts that failed, retried ones included
 * @param deadLettered messages published to a dead-letter topic
 * @param parked messages whose dead letter could not be published, kept in memory
 * @param handlerErrors attempts that ended in an {@link Error}
 * @param consumerRestarts times a consumer thread failed outside the handler and started over
 * @param lastError the last failure, or null
 * @param lastErrorAt when it happened (ISO-8601), or null
 * @param deadLetterTopics where its failed messages go, empty if dead-lettering is off
 */
public record ListenerDescriptor(String id, List<String> topics, String group, String state, int consumers,
        int consumersAsked, long handled, long failedAttempts, long deadLettered, long parked, long handlerErrors,
        long consumerRestarts, String lastError, String lastErrorAt, List<String> deadLetterTopics)
        implements OperationResponseBody {

    static ListenerDescriptor of(ListenerState state, List<String> deadLetterTopics) {
        return new ListenerDescriptor(state.id(), state.topics(), state.group(), state.status().name(), state.consumers(),
                state.concurrency() * state.topics().size(), state.handled(), state.failedAttempts(),
                state.deadLettered(), state.parked(), state.handlerErrors(), state.consumerRestarts(), state.lastError(),
                state.lastErrorAt() == null ? null : state.lastErrorAt().toString(), deadLetterTopics);
    }
}

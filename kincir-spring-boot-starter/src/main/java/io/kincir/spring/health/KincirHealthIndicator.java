package io.kincir.spring.health;

import io.kincir.Backend;
import io.kincir.BackendHealth;
import io.kincir.listener.ListenerState;
import io.kincir.spring.KincirListenerRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Kincir's health: UP or DOWN as {@link Backend#health()} says, with its details (for the
 * in-memory broker: topics, queued messages, memory estimate…), and under {@code listeners} each
 * listener's state: topics, group, running, consumers, counts and last error.
 *
 * <p>A running listener with fewer live consumer threads than it should have makes the health DOWN,
 * even with the backend UP: messages wait that no thread takes, and restarting the instance is what
 * brings the threads back. A stopped listener does not (it was stopped on purpose). Parked messages
 * (their dead letter could not be published) show in the listener's {@code parked} count but leave
 * the health UP: the listener works, restarting would lose the parked list, and what they need is an
 * operator, whom the count and the ERROR log tell.
 */
public final class KincirHealthIndicator extends AbstractHealthIndicator {

    private final Backend backend;
    private final KincirListenerRegistry registry;

    /**
     * @param backend the backend
     * @param registry the listeners, or null if there is none
     */
    public KincirHealthIndicator(Backend backend, KincirListenerRegistry registry) {
        super("Kincir health check failed");
        this.backend = backend;
        this.registry = registry;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        BackendHealth health = backend.health();
        boolean up = health.up();
        builder.withDetails(health.details());
        if (registry != null) {
            Map<String, Object> listeners = new LinkedHashMap<>();
            for (ListenerState state : registry.listeners()) {
                listeners.put(state.id(), details(state));
                up &= state.missingConsumers() == 0;
            }
            builder.withDetail("listeners", listeners);
        }
        builder.status(up ? Status.UP : Status.DOWN);
    }

    private static Map<String, Object> details(ListenerState state) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("topics", state.topics());
        details.put("group", state.group());
        details.put("running", state.running());
        details.put("consumers", state.consumers());
        details.put("concurrency", state.concurrency());
        details.put("handled", state.handled());
        details.put("missingConsumers", state.missingConsumers());
        details.put("deadLettered", state.deadLettered());
        details.put("parked", state.parked());
        details.put("handlerErrors", state.handlerErrors());
        details.put("consumerRestarts", state.consumerRestarts());
        if (state.lastError() != null) {
            details.put("lastError", state.lastError());
            details.put("lastErrorAt", state.lastErrorAt().toString());
        }
        return details;
    }
}

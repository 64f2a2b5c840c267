package io.kincir.spring.health;

import io.kincir.Backend;
import io.kincir.BackendHealth;
import io.kincir.listener.ListenerState;
import io.kincir.spring.KincirListenerRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Kincir's health: UP or DOWN as {@link Backend#health()} says, with its details (for the
 * in-memory broker: topics, queued messages, memory estimate…), and under {@code listeners} each
 * listener's state: topics, group, running, consumers, counts and last error.
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
        (health.up() ? builder.up() : builder.down()).withDetails(health.details());
        if (registry != null) {
            Map<String, Object> listeners = new LinkedHashMap<>();
            registry.listeners().forEach(state -> listeners.put(state.id(), details(state)));
            builder.withDetail("listeners", listeners);
        }
    }

    private static Map<String, Object> details(ListenerState state) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("topics", state.topics());
        details.put("group", state.group());
        details.put("running", state.running());
        details.put("consumers", state.consumers());
        details.put("concurrency", state.concurrency());
        details.put("handled", state.handled());
        details.put("deadLettered", state.deadLettered());
        if (state.lastError() != null) {
            details.put("lastError", state.lastError());
            details.put("lastErrorAt", state.lastErrorAt().toString());
        }
        return details;
    }
}

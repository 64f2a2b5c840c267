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
 * Kincir's health: UP or DOWN as {@link Backend#health()} says, with its details (for the in-memory
 * broker: topics, queued messages, memory estimate…), and under {@code listeners} each listener's
 * state in one word: {@code RUNNING}, {@code PAUSED}, {@code STOPPED} or {@code MISSING_CONSUMERS}.
 * The counts, last error and parked messages of each listener are in the {@code kincir} endpoint.
 *
 * <p>A running listener with fewer live consumer threads than it should have makes the health DOWN,
 * even with the backend UP: messages wait that no thread takes, and restarting the instance is what
 * brings the threads back. A paused listener does not, and a stopped one only when
 * {@code kincir.health.stopped-listener-down} is set: both were stopped on purpose. Parked messages
 * (their dead letter could not be published) leave the health UP: the listener works, restarting
 * would lose the parked list, and what they need is an operator, whom the endpoint and the ERROR log
 * tell.
 */
public final class KincirHealthIndicator extends AbstractHealthIndicator {

    private final Backend backend;
    private final KincirListenerRegistry registry;
    private final boolean stoppedListenerDown;

    /**
     * @param backend the backend
     * @param registry the listeners, or null if there is none
     * @param stoppedListenerDown whether a stopped listener makes the health DOWN
     */
    public KincirHealthIndicator(Backend backend, KincirListenerRegistry registry, boolean stoppedListenerDown) {
        super("Kincir health check failed");
        this.backend = backend;
        this.registry = registry;
        this.stoppedListenerDown = stoppedListenerDown;
    }

    /**
     * @param backend the backend
     * @param registry the listeners, or null if there is none; a stopped one leaves the health UP
     */
    public KincirHealthIndicator(Backend backend, KincirListenerRegistry registry) {
        this(backend, registry, false);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        BackendHealth health = backend.health();
        boolean up = health.up();
        builder.withDetails(health.details());
        if (registry != null) {
            Map<String, String> listeners = new LinkedHashMap<>();
            for (ListenerState state : registry.listeners()) {
                listeners.put(state.id(), state.status().name());
                up &= state.missingConsumers() == 0 && (state.running() || !stoppedListenerDown);
            }
            builder.withDetail("listeners", listeners);
        }
        builder.status(up ? Status.UP : Status.DOWN);
    }
}

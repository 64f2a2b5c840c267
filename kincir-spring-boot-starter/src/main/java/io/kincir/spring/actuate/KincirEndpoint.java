package io.kincir.spring.actuate;

import io.kincir.Backend;
import io.kincir.Topology;
import io.kincir.deadletter.DeadLetters;
import io.kincir.listener.ListenerContainer;
import io.kincir.listener.ListenerState;
import io.kincir.spring.KincirListenerRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/kincir}: the backend, the topics and groups its broker knows, and every listener; {@code /actuator/kincir/listeners/{id}}
 * one listener, which a {@code POST} with {@code {"action": "stop" | "start" | "pause" | "resume"}}
 * operates; {@code /actuator/kincir/dead-letters/{topic}} a page of the dead letters of one of the
 * listeners' dead-letter topics ({@code ?offset=&limit=}), which a {@code POST} with
 * {@code {"action": "replay"}} replays (one with {@code "uuid"}, else all) and a {@code DELETE} purges
 * (one with {@code ?uuid=}, else all).
 *
 * <p>Only the dead-letter topics of registered listeners are served: reading another topic would
 * create a durable group on it that keeps every message published there.
 */
@Endpoint(id = "kincir")
public final class KincirEndpoint {

    /** How many dead letters a page shows unless the request says otherwise. */
    public static final int DEFAULT_PAGE_SIZE = 20;

    private static final String LISTENERS = "listeners";
    private static final String DEAD_LETTERS = "dead-letters";

    private final String backendName;
    private final Backend backend;
    private final KincirListenerRegistry registry;
    private final DeadLetters deadLetters;

    /**
     * @param backendName the backend's name, as its module registers it
     * @param backend the backend
     * @param registry the listeners, or null if there is none
     * @param deadLetters the dead letters, or null to serve none
     */
    public KincirEndpoint(String backendName, Backend backend, @Nullable KincirListenerRegistry registry,
            @Nullable DeadLetters deadLetters) {
        this.backendName = backendName;
        this.backend = backend;
        this.registry = registry;
        this.deadLetters = deadLetters;
    }

    /** @return the backend, the topics and groups its broker knows, and every listener */
    @ReadOperation
    public KincirDescriptor kincir() {
        return new KincirDescriptor(new KincirDescriptor.BackendDescriptor(backendName, backend.getClass().getName(),
                backend.health().up(), backend.features()), topology(), listeners());
    }

    private Map<String, ListenerDescriptor> listeners() {
        Map<String, ListenerDescriptor> listeners = new LinkedHashMap<>();
        if (registry != null) {
            registry.listeners().forEach(state -> listeners.put(state.id(), describe(state)));
        }
        return listeners;
    }

    /** @return what the broker knows; a broker that cannot be asked leaves the rest of the page readable */
    private Topology topology() {
        try {
            return backend.brokerTopology();
        } catch (RuntimeException e) {
            return Topology.unknown("Could not ask the broker: " + e.getMessage());
        }
    }

    /**
     * @param section {@code listeners} or {@code dead-letters}
     * @return every listener by id, or every dead-letter topic with the listeners that send to it
     */
    @ReadOperation
    public @Nullable Map<String, ?> section(@Selector String section) {
        return switch (section) {
            case LISTENERS -> listeners();
            case DEAD_LETTERS -> deadLetterTopics();
            default -> null;
        };
    }

    /**
     * @param section {@code listeners} or {@code dead-letters}
     * @param name a listener's id, or a dead-letter topic
     * @param offset for dead letters: how many of the oldest to skip, 0 by default
     * @param limit for dead letters: how many to show, {@value #DEFAULT_PAGE_SIZE} by default
     * @return the listener, or a page of the topic's dead letters, oldest first; null (404) if unknown
     */
    @ReadOperation
    public @Nullable Object read(@Selector String section, @Selector String name, @Nullable Integer offset,
            @Nullable Integer limit) {
        if (LISTENERS.equals(section)) {
            ListenerContainer container = findContainer(name);
            return container == null ? null : describe(container.state());
        }
        if (DEAD_LETTERS.equals(section) && isDeadLetterTopic(name)) {
            return DeadLetterPageDescriptor.of(deadLetters.list(name, offset == null ? 0 : offset,
                    limit == null ? DEFAULT_PAGE_SIZE : limit));
        }
        return null;
    }

    /**
     * Operates a listener, or replays dead letters.
     *
     * @param section {@code listeners} or {@code dead-letters}
     * @param name a listener's id, or a dead-letter topic
     * @param action for a listener {@code stop}, {@code start}, {@code pause} or {@code resume}; for
     *     dead letters {@code replay}
     * @param uuid for dead letters: the one to replay; all without it
     * @return the listener afterwards, or what the replay did
     */
    @WriteOperation
    public Object write(@Selector String section, @Selector String name, String action, @Nullable String uuid) {
        if (LISTENERS.equals(section)) {
            ListenerContainer container = requireContainer(name);
            switch (action) {
                case "stop" -> container.stop();
                case "start" -> container.start();
                case "pause" -> container.pause();
                case "resume" -> container.resume();
                default -> throw new InvalidEndpointRequestException("Unknown action '" + action + "' for listener '"
                        + name + "'; use stop, start, pause or resume", "Unknown action");
            }
            return describe(container.state());
        }
        requireDeadLetterTopic(section, name);
        if (!"replay".equals(action)) {
            throw new InvalidEndpointRequestException("Unknown action '" + action + "' for dead letters; use replay "
                    + "(or DELETE to purge)", "Unknown action");
        }
        return DeadLetterOutcomeDescriptor.of("replayed", uuid == null ? deadLetters.replayAll(name)
                : deadLetters.replay(name, List.of(uuid)));
    }

    /**
     * Purges dead letters for good.
     *
     * @param section {@code dead-letters}
     * @param name a dead-letter topic
     * @param uuid the one to purge; all without it
     * @return what the purge did
     */
    @DeleteOperation
    public DeadLetterOutcomeDescriptor purge(@Selector String section, @Selector String name, @Nullable String uuid) {
        requireDeadLetterTopic(section, name);
        return DeadLetterOutcomeDescriptor.of("purged", uuid == null ? deadLetters.purgeAll(name)
                : deadLetters.purge(name, List.of(uuid)));
    }

    private ListenerDescriptor describe(ListenerState state) {
        return ListenerDescriptor.of(state, deadLetterTopicsOf(registry.container(state.id())));
    }

    private static List<String> deadLetterTopicsOf(ListenerContainer container) {
        Set<String> topics = new LinkedHashSet<>();
        container.topics().stream().map(container::deadLetterTopic).filter(topic -> !topic.isEmpty())
                .forEach(topics::add);
        return List.copyOf(topics);
    }

    /** @return every dead-letter topic of the registered listeners, each with the ids of those sending to it */
    private Map<String, List<String>> deadLetterTopics() {
        Map<String, List<String>> topics = new LinkedHashMap<>();
        if (registry != null) {
            for (ListenerState state : registry.listeners()) {
                deadLetterTopicsOf(registry.container(state.id())).forEach(topic -> topics
                        .computeIfAbsent(topic, key -> new ArrayList<>()).add(state.id()));
            }
        }
        return topics;
    }

    private boolean isDeadLetterTopic(String topic) {
        return deadLetters != null && deadLetterTopics().containsKey(topic);
    }

    private void requireDeadLetterTopic(String section, String topic) {
        if (!DEAD_LETTERS.equals(section)) {
            throw new InvalidEndpointRequestException("Unknown section '" + section + "'; use listeners or dead-letters",
                    "Unknown section");
        }
        if (!isDeadLetterTopic(topic)) {
            throw new InvalidEndpointRequestException("'" + topic + "' is not the dead-letter topic of a listener; "
                    + "the dead-letter topics are " + deadLetterTopics().keySet(), "Unknown dead-letter topic");
        }
    }

    private @Nullable ListenerContainer findContainer(String id) {
        if (registry == null) {
            return null;
        }
        return registry.listeners().stream().anyMatch(state -> state.id().equals(id)) ? registry.container(id) : null;
    }

    private ListenerContainer requireContainer(String id) {
        ListenerContainer container = findContainer(id);
        if (container == null) {
            throw new InvalidEndpointRequestException("No listener has the id '" + id + "'; the ids are "
                    + listeners().keySet(), "Unknown listener");
        }
        return container;
    }
}

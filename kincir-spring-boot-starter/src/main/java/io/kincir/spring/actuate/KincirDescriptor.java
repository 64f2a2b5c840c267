package io.kincir.spring.actuate;

import io.kincir.Features;
import io.kincir.Topology;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * What {@code GET /actuator/kincir} shows.
 *
 * @param backend the backend
 * @param topology the topics and groups the broker knows ({@code Backend.brokerTopology()}), read on each
 *     request; {@code known} false, with a note saying why, where the backend cannot tell or the broker
 *     could not be asked
 * @param listeners every listener by id, in the order they were registered
 */
public record KincirDescriptor(BackendDescriptor backend, Topology topology, Map<String, ListenerDescriptor> listeners)
        implements OperationResponseBody {

    /**
     * The backend that carries the messages.
     *
     * @param name the name its module registers ({@code in-memory}, {@code kafka}…), found from the
     *     backend bean itself, so an application's own backend bean shows what it really is; its class
     *     name when no module registers its type
     * @param type its class
     * @param up whether its health says it is reachable
     * @param features what it offers beyond the shared semantics
     */
    public record BackendDescriptor(String name, String type, boolean up, Features features) {
    }
}

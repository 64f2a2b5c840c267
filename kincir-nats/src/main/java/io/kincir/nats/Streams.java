package io.kincir.nats;

import io.kincir.BackendUnavailableException;
import io.nats.client.JetStreamApiException;
import io.nats.client.StreamContext;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stream behind each topic, created on first use and remembered, so each is created once per
 * backend. A stream has one subject, its topic's, and <em>limits</em> retention: it keeps every message
 * until {@code maxAge}, whoever acknowledged it, so each group's consumer reads all of it at its own
 * pace. (Work-queue retention would delete a message on its first ack and refuses a second consumer on
 * a subject: no fan-out to groups.)
 */
final class Streams {

    /** JetStream's error code for a stream that exists with another configuration. */
    private static final int STREAM_NAME_IN_USE = 10058;

    private final LazyConnection connection;
    private final NatsSettings settings;
    private final Map<String, StreamContext> streams = new ConcurrentHashMap<>();
    /** Every topic whose stream this backend asked for, even if the answer was lost: for clean-up. */
    private final Set<String> requested = ConcurrentHashMap.newKeySet();

    Streams(LazyConnection connection, NatsSettings settings) {
        this.connection = connection;
        this.settings = settings;
    }

    /**
     * Creates the topic's stream unless this backend did already. A stream that exists with other
     * limits (created by a backend with other settings, or by an operator) is used as it is.
     *
     * @return the stream
     * @throws BackendUnavailableException if the server cannot be reached or refuses the stream
     */
    StreamContext ensure(String topic) {
        StreamContext known = streams.get(topic);
        if (known != null) {
            return known;
        }
        String name = NatsNames.stream(topic);
        StreamConfiguration configuration = StreamConfiguration.builder()
                .name(name)
                .subjects(NatsNames.subject(topic))
                .retentionPolicy(RetentionPolicy.Limits)
                .discardPolicy(DiscardPolicy.Old)
                .storageType(settings.persistent() ? StorageType.File : StorageType.Memory)
                .replicas(settings.replicas())
                .maxAge(settings.maxAge())
                .build();
        requested.add(topic);
        try {
            try {
                connection.management().addStream(configuration);
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() != STREAM_NAME_IN_USE) {
                    throw e;
                }
            }
            StreamContext stream = connection.jetStream().getStreamContext(name);
            streams.put(topic, stream);
            return stream;
        } catch (IOException | JetStreamApiException e) {
            throw new BackendUnavailableException("Cannot create stream '" + name + "' of topic '" + topic
                    + "' on NATS at " + connection.servers() + ": " + LazyConnection.rootMessage(e)
                    + ". Check that the server runs with JetStream on (-js)", e);
        }
    }

    /** Forgets a topic whose stream turned out to be gone, so that the next use creates it again. */
    void forget(String topic) {
        streams.remove(topic);
    }

    /** @return the names of the streams this backend created, found or asked for, for clean-up */
    List<String> names() {
        return requested.stream().map(NatsNames::stream).toList();
    }

    /** Deletes every stream this backend created or found, with the messages and consumers they hold. */
    void deleteAll() {
        for (String topic : List.copyOf(requested)) {
            try {
                connection.management().deleteStream(NatsNames.stream(topic));
            } catch (IOException | JetStreamApiException e) {
                // Already gone; or the server cannot be reached, and the stream stays for an operator to delete.
            }
            streams.remove(topic);
            requested.remove(topic);
        }
    }
}

package io.kincir.benchmarks;

import io.kincir.conformance.ExternalServer;
import io.kincir.nats.NatsBackend;
import io.kincir.nats.NatsSettings;
import io.nats.client.Connection;
import io.nats.client.ConsumeOptions;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * The NATS server the NATS benchmarks talk to (127.0.0.1:4222, with JetStream), and the one set of
 * settings both contenders get: Kincir's NATS defaults, written out. A topic is a stream of its own
 * named as Kincir names it ({@code kincir-<topic>}, subject {@code kincir.<topic>}), on disk, with
 * limits retention, one replica and a maximum age of 7 days; a group is a durable pull consumer with
 * explicit acks, deliver policy <em>new</em> and an ack wait of 30 s, consumed with pulls of
 * {@value #PULL_BATCH} messages that expire after 10 s.
 *
 * <p>The server is shared: every stream the benchmarks create is named from a topic starting
 * {@link Brokers#NAME_PREFIX} and this JVM's id ({@link Brokers#uniqueName(String)}), and only such
 * streams are deleted, at the end of each benchmark.
 */
final class NatsBroker {

    static final String URL = "nats://" + ExternalServer.NATS.host() + ":" + ExternalServer.NATS.port();
    /** Kincir's default pull batch, which the raw consumers use too. */
    static final int PULL_BATCH = 32;
    static final Duration ACK_WAIT = Duration.ofSeconds(30);
    static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);
    static final Duration MAX_AGE = Duration.ofDays(7);
    /** How long a pull waits on the server: Kincir's subscribers use 10 s. */
    static final long PULL_EXPIRY_MILLIS = 10_000;
    /** JetStream's deduplication header. */
    static final String MSG_ID = "Nats-Msg-Id";
    /** JetStream's error code for a stream that exists already with another configuration. */
    private static final int STREAM_NAME_IN_USE = 10058;

    private NatsBroker() {
    }

    /** @return a client of a topic and group of its own, subscribed */
    static BrokerClient client(String contender, String topic) throws Exception {
        require();
        return switch (contender) {
            case Brokers.KINCIR -> {
                NatsBackend backend = backend();
                yield new KincirBrokerClient(backend, topic, topic + "-group", () -> purge(topic), backend::deleteDeclared);
            }
            case Brokers.CLIENT -> new RawNatsClient(topic, topic + "-group");
            default -> throw new IllegalArgumentException("Unknown contender '" + contender + "'; use " + Brokers.KINCIR
                    + " or " + Brokers.CLIENT);
        };
    }

    /** @return Kincir's backend on the benchmarks' server with the settings above (its defaults) */
    static NatsBackend backend() {
        require();
        return NatsBackend.builder().servers(URL).settings(NatsSettings.defaults().withPullBatch(PULL_BATCH)
                .withAckWait(ACK_WAIT).withPublishTimeout(PUBLISH_TIMEOUT).withPersistent(true).withReplicas(1)
                .withMaxAge(MAX_AGE)).build();
    }

    /** @return a plain jnats connection, named so that the server's connection list tells who holds it */
    static Connection connect(String name) throws IOException, InterruptedException {
        require();
        return Nats.connect(new Options.Builder().server(URL).connectionName(name).build());
    }

    /**
     * @return the stream Kincir maps {@code topic} to; the benchmarks' topic names hold only letters,
     *     digits and {@code -}, which Kincir's name encoding keeps as they are (docs/nats.md, "Names")
     */
    static String stream(String topic) {
        return "kincir-" + topic;
    }

    /** @return the subject Kincir publishes {@code topic}'s messages to */
    static String subject(String topic) {
        return "kincir." + topic;
    }

    /** Creates the topic's stream as Kincir does, unless it exists. */
    static void createStream(JetStreamManagement management, String topic) throws IOException, JetStreamApiException {
        StreamConfiguration configuration = StreamConfiguration.builder().name(stream(topic)).subjects(subject(topic))
                .retentionPolicy(RetentionPolicy.Limits).discardPolicy(DiscardPolicy.Old).storageType(StorageType.File)
                .replicas(1).maxAge(MAX_AGE).build();
        try {
            management.addStream(configuration);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != STREAM_NAME_IN_USE) {
                throw e;
            }
        }
    }

    /** @return a group's durable consumer as Kincir configures it */
    static ConsumerConfiguration consumer(String group) {
        return ConsumerConfiguration.builder().durable(group).ackPolicy(AckPolicy.Explicit)
                .deliverPolicy(DeliverPolicy.New).ackWait(ACK_WAIT).build();
    }

    /** @return how a member pulls, as Kincir's subscribers do */
    static ConsumeOptions consumeOptions() {
        return ConsumeOptions.builder().batchSize(PULL_BATCH).expiresIn(PULL_EXPIRY_MILLIS).build();
    }

    /**
     * Drops every message the topic's stream holds (a stream with limits retention keeps them whoever
     * acknowledged them), keeping its consumers.
     */
    static void purge(String topic) {
        onManagement(management -> management.purgeStream(stream(topic)));
    }

    /**
     * Deletes the topic's stream and those of topics named after it (its dead-letter topic
     * {@code <topic>.dlq} is stream {@code kincir-<topic>_2Edlq}), with their consumers. A topic from
     * {@link Brokers#uniqueName(String)} is no other topic's prefix followed by {@code _}, so nothing
     * else is touched.
     */
    static void deleteStreamsOf(String topic) {
        onManagement(management -> {
            for (String name : streamsOf(management, topic)) {
                try {
                    management.deleteStream(name);
                } catch (JetStreamApiException e) {
                    // Deleted meanwhile by the benchmark's own backend.
                }
            }
        });
    }

    /** @return the streams of {@code topic} and of the topics named after it, as {@link #deleteStreamsOf} finds them */
    static List<String> streamsOf(JetStreamManagement management, String topic) throws IOException, JetStreamApiException {
        String name = stream(topic);
        return management.getStreamNames().stream().filter(stream -> stream.equals(name) || stream.startsWith(name + "_"))
                .toList();
    }

    interface ManagementAction {
        void run(JetStreamManagement management) throws IOException, JetStreamApiException;
    }

    /** Runs {@code action} on a connection of its own, which it closes. */
    static void onManagement(ManagementAction action) {
        try (Connection connection = connect("kincir-bench-admin")) {
            action.run(connection.jetStreamManagement());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("NATS refused a JetStream request of the benchmarks: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while talking to NATS", e);
        }
    }

    /** @throws IllegalStateException naming the command that starts NATS, if it is not reachable */
    static void require() {
        if (!ExternalServer.NATS.reachable()) {
            throw new IllegalStateException("NATS is not reachable on " + ExternalServer.NATS.host() + ":"
                    + ExternalServer.NATS.port() + "; the NATS benchmarks need it. Start it with: "
                    + ExternalServer.NATS.howToStart() + ", or leave them out with --include");
        }
    }
}

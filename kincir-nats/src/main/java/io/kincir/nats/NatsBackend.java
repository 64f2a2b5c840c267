package io.kincir.nats;

import io.kincir.AckSubscriber;
import io.kincir.Backend;
import io.kincir.BackendHealth;
import io.kincir.BrokerShutdownException;
import io.kincir.Delivery;
import io.kincir.Features;
import io.kincir.Publisher;
import io.kincir.Subscriber;
import io.kincir.Topology;
import io.kincir.spi.Names;
import io.kincir.spi.OpenState;
import io.kincir.spi.Subscribers;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLContext;

/**
 * The NATS JetStream backend, on the official client {@code io.nats:jnats}.
 *
 * <p>Mapping, created on first use: a topic is a JetStream stream with <em>limits</em> retention and
 * one subject (topic {@code orders}: stream {@code kincir-orders}, subject {@code kincir.orders}; names
 * are encoded reversibly, see {@code docs/nats.md}); a group is a durable pull consumer of that stream
 * with explicit acks, starting with the messages published after it was created, whose members pull
 * from it and compete; every group gets every message, since the stream keeps each message until
 * {@link NatsSettings#maxAge()} whoever acknowledged it. A private subscriber has a consumer of its
 * own, deleted when it closes. The uuid and metadata travel as headers, encoded so that any
 * {@link io.kincir.Message} round-trips exactly; the payload is the body.
 *
 * <p>Publishing sends a batch as asynchronous JetStream publishes and returns when the server
 * acknowledged every message; a refused or late acknowledgement fails it with
 * {@link io.kincir.PublishException} naming the topic. Each message carries the deduplication id
 * {@code <stream>:<uuid>}, so publishing a batch again after a failure stores no message twice within
 * the stream's duplicate window (2 minutes), while the same message published to another topic (a dead
 * letter) is stored there. A message larger than the server's {@code max_payload} (1 MiB by default,
 * headers included) fails with a message naming that setting.
 *
 * <p>{@code ack} acknowledges, {@code nack(true)} naks (delivered again at once, to any member),
 * {@code nack(false)} terminates (never delivered again; nothing keeps it). Closing a subscriber gives
 * back what it holds — handed out or still buffered — to an open member of its group in this backend,
 * or else with a nak each, so it comes back at once rather than after the ack wait (30 s), also to a
 * member that joins later. {@code _delay} and {@code _ttl} are kept by the subscribers against the time
 * the server stored the message (the server's clock); {@code _sequence} is the stream sequence, per
 * topic from 1.
 *
 * <p>Limits: a private subscriber starts after its subscribe and a message published when no group
 * existed is stored but handed to no group; a delayed message holds a place among the consumer's
 * unacknowledged messages while it waits; an expired message is counted by the subscriber that drops
 * it, so only while one receives.
 *
 * <p>Thread-safe. The backend opens its connection on first use, reconnecting without limit after a
 * loss, and closes it with the backend; a connection it was given stays open for its owner.
 */
public final class NatsBackend implements Backend {

    private final LazyConnection connection;
    private final NatsSettings settings;
    private final Streams streams;
    private final NatsPublisher publisher;
    private final Set<Member> members = ConcurrentHashMap.newKeySet();
    private final Object closing = new Object();
    private final LongAdder expired = new LongAdder();
    private final OpenState open = new OpenState("the NATS backend");

    private NatsBackend(LazyConnection connection, NatsSettings settings) {
        this.connection = connection;
        this.settings = settings;
        this.streams = new Streams(connection, settings);
        this.publisher = new NatsPublisher(this);
        connection.onReconnect(this::reconnected);
    }

    /** @return a builder; without servers or a connection it connects to {@code nats://localhost:4222} */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Publisher publisher() {
        return publisher;
    }

    /**
     * A subscriber with a consumer of its own, deleted when it closes; it acknowledges each message as
     * it hands it out.
     */
    @Override
    public Subscriber subscriber() {
        return Subscribers.subscriber(join(null, true), Delivery::message);
    }

    /** A member of a durable group, acknowledging on hand-out as {@link #subscriber()}. */
    @Override
    public Subscriber subscriber(String group) {
        return Subscribers.subscriber(join(Names.requireGroup(group), true), Delivery::message);
    }

    /**
     * A member of a durable group whose deliveries the application settles; what it holds when it closes
     * goes back to the group at once.
     */
    @Override
    public AckSubscriber ackSubscriber(String group) {
        return Subscribers.ackSubscriber(join(Names.requireGroup(group), false), delivery -> delivery);
    }

    /**
     * @return order per topic (one stream per topic, delivered in stream order), {@code _sequence} (the
     *     stream sequence), {@code _ttl} and {@code _delay} (kept by the subscribers), and — with
     *     streams on disk, the default — what a publish returned for outlives a server restart
     */
    @Override
    public Features features() {
        Features.Builder features = Features.builder().order(Features.OrderScope.TOPIC).sequence().ttl().delay();
        return (settings.persistent() ? features.survivesRestart() : features).build();
    }

    /**
     * @return up with the server's version and the account's JetStream usage when connected, down with
     *     the reason otherwise; connects if this is the first use
     */
    @Override
    public BackendHealth health() {
        if (open.isClosed()) {
            return BackendHealth.down("The NATS backend was closed", Map.of("backend", "nats"));
        }
        return NatsHealth.check(connection, members.size(), expired.sum());
    }

    /** @return the JetStream streams Kincir made and their consumers ({@link NatsTopology}) */
    @Override
    public Topology brokerTopology() {
        open.ensureOpen("read the topology");
        return NatsTopology.read(connection);
    }

    /** @return how many messages past their {@code _ttl} this backend's subscribers dropped */
    public long expiredCount() {
        return expired.sum();
    }

    /**
     * Deletes every stream this backend created or used, with their messages and consumers, so that
     * tests and temporary topics leave the server as they found it. Works after {@link #close()} only
     * with a connection the backend was given.
     */
    public void deleteDeclared() {
        streams.deleteAll();
    }

    /**
     * Closes every subscriber (each gives back what it holds), then the connection if this backend
     * opened it. Publishing and subscribing afterwards throw {@link BrokerShutdownException}.
     */
    @Override
    public void close() {
        if (!open.close()) {
            return;
        }
        List.copyOf(members).forEach(Member::close);
        connection.close();
    }

    /** @return how this backend creates streams, publishes and consumes */
    public NatsSettings settings() {
        return settings;
    }

    private Member join(String group, boolean ackOnHandOut) {
        ensureOpen("create a subscriber");
        Member member = new Member(this, group, ackOnHandOut);
        members.add(member);
        if (open.isClosed()) {
            member.close();
        }
        return member;
    }

    /** A restarted server forgot the subscribers' pulls: each pulls again on its next receive. */
    private void reconnected() {
        members.forEach(Member::reconnected);
    }

    void forget(Member member) {
        members.remove(member);
    }

    /**
     * @return the lock a closing member holds from its unsubscribe until it gave back what it held. It
     *     also keeps the drains of one connection apart: each flushes with a PING, and jnats takes more
     *     PINGs waiting for their PONG than {@code maxPingsOut} (2 by default) for a dead connection and
     *     reconnects, dropping what was in flight, as three members closing together (the consumer
     *     threads of a stopping listener) would make it do.
     */
    Object closing() {
        return closing;
    }

    /** @return whether an open member of the group took over the message that a closing member gives back */
    boolean handOver(String group, io.nats.client.Message message) {
        for (Member member : members) {
            if (member.takeOver(group, message)) {
                return true;
            }
        }
        return false;
    }

    void countExpired() {
        expired.increment();
    }

    void ensureOpen(String action) {
        open.ensureOpen(action);
    }

    BrokerShutdownException closedError(String action) {
        return open.closedError(action);
    }

    RuntimeException explain(RuntimeException failure, String action) {
        return open.explain(failure, action);
    }

    boolean isClosed() {
        return open.isClosed();
    }

    LazyConnection connection() {
        return connection;
    }

    Streams streams() {
        return streams;
    }

    /** @return the names of the streams this backend created or used */
    List<String> streamNames() {
        return streams.names();
    }

    @Override
    public String toString() {
        return "NatsBackend[" + connection.servers() + ", " + settings + "]";
    }

    /**
     * Builds a {@link NatsBackend} from servers and credentials, from jnats {@link Options}, or on a
     * {@link Connection} the application owns; every setting has a default.
     */
    public static final class Builder {

        private final List<String> servers = new ArrayList<>();
        private String username;
        private String password;
        private String token;
        private Path credentialsFile;
        private String nkeySeed;
        private SSLContext sslContext;
        private Options options;
        private Connection connection;
        private NatsSettings settings = NatsSettings.defaults();

        private Builder() {
        }

        /**
         * @param urls the servers, such as {@code nats://127.0.0.1:4222} (default {@code nats://localhost:4222});
         *     the client connects to one and fails over to the others
         * @return this builder
         */
        public Builder servers(String... urls) {
            for (String url : urls) {
                servers.add(Objects.requireNonNull(url, "url"));
            }
            return this;
        }

        /**
         * @param username the user
         * @param password the password
         * @return this builder
         */
        public Builder credentials(String username, String password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * @param token the server's authorization token
         * @return this builder
         */
        public Builder token(String token) {
            this.token = Objects.requireNonNull(token, "token");
            return this;
        }

        /**
         * @param credentialsFile a {@code .creds} file with a user JWT and NKey seed (decentralized auth)
         * @return this builder
         */
        public Builder credentialsFile(Path credentialsFile) {
            this.credentialsFile = Objects.requireNonNull(credentialsFile, "credentialsFile");
            return this;
        }

        /**
         * @param seed an NKey seed ({@code SU…}) whose public key the server knows
         * @return this builder
         */
        public Builder nkey(String seed) {
            this.nkeySeed = Objects.requireNonNull(seed, "seed");
            return this;
        }

        /**
         * @param sslContext TLS for the connection ({@code tls://} servers)
         * @return this builder
         */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
            return this;
        }

        /**
         * Connects with jnats options given whole (servers, auth, TLS, reconnect policy…); the backend opens
         * the connection on first use and closes it. Excludes the other connection settings.
         *
         * @param options the options
         * @return this builder
         */
        public Builder options(Options options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Uses an application's open connection, which the backend does not close. Excludes the other
         * connection settings.
         *
         * @param connection the connection
         * @return this builder
         */
        public Builder connection(Connection connection) {
            this.connection = Objects.requireNonNull(connection, "connection");
            return this;
        }

        /**
         * @param settings Kincir's own settings (default {@link NatsSettings#defaults()})
         * @return this builder
         */
        public Builder settings(NatsSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Builds the backend. Unless given a connection, it connects on first use (publish, subscribe or
         * health check), and reconnects without limit after a loss.
         *
         * @return the backend
         * @throws IllegalStateException if a connection or options were given together with other
         *     connection settings, or more than one way to authenticate
         */
        public NatsBackend build() {
            boolean details = !servers.isEmpty() || username != null || token != null || credentialsFile != null
                    || nkeySeed != null || sslContext != null;
            if (connection != null && (options != null || details)) {
                throw new IllegalStateException("Give either a connection or the settings to open one (options, "
                        + "servers, credentials, TLS), not both: the connection's own settings would be used");
            }
            if (options != null && details) {
                throw new IllegalStateException("Give either jnats Options or servers, credentials and TLS, not both: "
                        + "the options' own settings would be used");
            }
            int authentications = (username != null ? 1 : 0) + (token != null ? 1 : 0)
                    + (credentialsFile != null ? 1 : 0) + (nkeySeed != null ? 1 : 0);
            if (authentications > 1) {
                throw new IllegalStateException("Give one way to authenticate: a user and password, a token, a "
                        + "credentials file or an NKey seed");
            }
            LazyConnection lazy = connection != null ? LazyConnection.given(connection)
                    : options != null ? LazyConnection.opening(options, NatsLogin.OPTIONS)
                    : LazyConnection.opening(ownOptions(), NatsLogin.of(username, token != null, credentialsFile,
                            nkeySeed != null, servers));
            return new NatsBackend(lazy, settings);
        }

        private Options ownOptions() {
            Options.Builder builder = new Options.Builder()
                    .servers(servers.isEmpty() ? new String[] {"nats://localhost:4222"} : servers.toArray(String[]::new))
                    .connectionName("kincir")
                    // A subscriber's pulls and a publisher's acknowledgements resume after any outage.
                    .maxReconnects(-1);
            if (username != null) {
                builder.userInfo(username, password);
            }
            if (token != null) {
                builder.token(token.toCharArray());
            }
            if (credentialsFile != null) {
                builder.authHandler(Nats.credentials(credentialsFile.toString()));
            }
            if (nkeySeed != null) {
                builder.authHandler(Nats.staticCredentials(null, nkeySeed.toCharArray()));
            }
            if (sslContext != null) {
                builder.sslContext(sslContext);
            }
            return builder.build();
        }
    }
}

package io.kincir.redis;

import io.kincir.AckSubscriber;
import io.kincir.Backend;
import io.kincir.BackendHealth;
import io.kincir.AuthenticationFailedException;
import io.kincir.BackendUnavailableException;
import io.kincir.BrokerShutdownException;
import io.kincir.Features;
import io.kincir.Publisher;
import io.kincir.Subscriber;
import io.kincir.Topology;
import io.kincir.spi.Names;
import io.kincir.spi.OpenState;
import io.kincir.spi.Subscribers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StaticCredentialsProvider;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The Redis Streams backend, on the Lettuce client: in a Spring Boot application the {@link RedisClient}
 * that {@code spring.data.redis.*} configures, so host, password, TLS and timeouts apply unchanged.
 * Standalone Redis (or Sentinel) 6.2 or later; not Redis Cluster.
 *
 * <p>Mapping, with every key under the settings' prefix ({@code kincir:} by default): a topic is a
 * stream {@code kincir:{<topic>}}, each message one entry added with {@code XADD}, its uuid, payload,
 * publish time and metadata as binary-safe fields. A group is a consumer group of that stream, created
 * when a member subscribes ({@code MKSTREAM}; it starts after the stream's last entry, and an existing
 * group keeps its position); each member is a consumer with a unique name, reading all of its topics
 * with one blocking {@code XREADGROUP} on a connection of its own. A private subscriber reads in a
 * group of its own, destroyed when it closes.
 *
 * <p>{@code ack} is {@code XACK}. {@code nack(true)}, and closing a subscriber with entries it has not
 * settled, move those entries to the group's requeue stream {@code kincir:{<topic>}:requeue:<group>},
 * which every member of the group reads: the next member to read takes them, at once. The copy keeps
 * the uuid but comes after entries published since. A member that dies holding entries leaves them
 * pending; another member takes them over after {@link RedisSettings#claimIdleTime()}
 * ({@code XAUTOCLAIM}), and consumer names idle for {@link RedisSettings#idleConsumerTimeout()} with
 * nothing pending are deleted.
 *
 * <p>Limits: streams keep every entry unless {@link RedisSettings#maxLength()} is set, and trimming
 * ignores groups, so it can delete entries no group has read (a member that then finds one pending
 * counts it as trimmed and moves on). A handler slower than the claim idle time sees its entry delivered
 * to another member as well. {@code _delay} parks a message in a sorted set {@code kincir:{<topic>}:delayed}
 * until a backend's maintenance thread moves it into the stream; {@code _ttl} is checked on the
 * subscriber's clock against the publisher's, and an expired message is acknowledged without being
 * handed out, and counted. Whether messages outlive a restart of Redis depends on its persistence
 * settings (RDB, AOF), not on Kincir.
 *
 * <p>Thread-safe. Publishing, settling and group administration share one connection, where Lettuce
 * pipelines concurrent commands; each subscriber has a connection of its own for its blocking reads.
 * The backend shuts down a client it built, and leaves one it was given to its owner.
 */
public final class RedisBackend implements Backend {

    private final RedisClient client;
    private final RedisURI uri;
    private final boolean ownsClient;
    private final RedisSettings settings;
    private final Keys keys;
    private final String server;
    private final RedisPublisher publisher = new RedisPublisher(this);
    private final Set<Member> members = ConcurrentHashMap.newKeySet();
    private final SkippedEntries skipped = new SkippedEntries();
    private final OpenState open = new OpenState("the Redis backend");
    private final Object lock = new Object();
    private volatile StatefulRedisConnection<byte[], byte[]> shared;
    private ScheduledExecutorService maintenance;

    private RedisBackend(Builder builder) {
        if (builder.client != null) {
            this.client = builder.client;
            this.uri = builder.uri;
            this.ownsClient = false;
        } else {
            this.uri = builder.uri != null ? builder.uri : builder.uriFromParts();
            this.client = RedisClient.create(uri);
            this.ownsClient = true;
        }
        this.settings = builder.settings;
        this.keys = new Keys(settings.keyPrefix());
        this.server = uri == null ? "the address of the given RedisClient"
                : uri.getHost() + ":" + uri.getPort() + (uri.isSsl() ? " (TLS)" : "");
    }

    /** @return a builder; without a client or URI it connects to localhost:6379 */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Publisher publisher() {
        return publisher;
    }

    /**
     * A subscriber in a group of its own (destroyed when it closes) that reads without acknowledgement
     * ({@code NOACK}): what it read is never delivered again, even what it had not handed out yet.
     */
    @Override
    public Subscriber subscriber() {
        return Subscribers.subscriber(join(null, true), Entry::message);
    }

    /**
     * A member of a durable group that acknowledges what it hands out, in one {@code XACK} before its
     * next read or when it closes; what it read but did not hand out goes back to the group when it
     * closes. If its process dies, what it handed out since its last read is delivered again.
     */
    @Override
    public Subscriber subscriber(String group) {
        return Subscribers.subscriber(join(Names.requireGroup(group), true), Entry::message);
    }

    /**
     * A member of a durable group whose deliveries the application settles, from any thread:
     * {@code ack} and {@code nack(false)} acknowledge, {@code nack(true)} hands the entry to the group's
     * requeue stream.
     */
    @Override
    public AckSubscriber ackSubscriber(String group) {
        Member member = join(Names.requireGroup(group), false);
        return Subscribers.ackSubscriber(member, member::deliver);
    }

    /**
     * @return order per topic (one stream per topic, read in order; a requeued message comes after later
     *     ones), {@code _ttl} and {@code _delay}. Not {@code survivesRestart}: that depends on the
     *     server's persistence settings, which Kincir does not control
     */
    @Override
    public Features features() {
        return Features.builder().order(Features.OrderScope.TOPIC).ttl().delay().build();
    }

    /**
     * @return up with the server's version, memory use, and the pending entries of every group this
     *     backend's members read; down with the reason when Redis cannot be reached
     */
    @Override
    public BackendHealth health() {
        return RedisHealth.check(this);
    }

    /** @return the topics' streams under this backend's key prefix and their groups ({@link RedisTopology}) */
    @Override
    public Topology brokerTopology() {
        open.ensureOpen("read the topology");
        return RedisTopology.read(this);
    }

    /** @return how this backend names keys, trims streams, reads and claims */
    public RedisSettings settings() {
        return settings;
    }

    /**
     * Closes every subscriber (each hands what it holds back to its group, and a private subscriber's
     * group is destroyed), stops the maintenance thread and the shared connection, then the client if
     * this backend built it. Publishing and subscribing afterwards throw {@link BrokerShutdownException}.
     */
    @Override
    public void close() {
        if (!open.close()) {
            return;
        }
        List.copyOf(members).forEach(Member::close);
        ScheduledExecutorService tasks;
        synchronized (lock) {
            tasks = maintenance;
        }
        if (tasks != null) {
            tasks.shutdownNow();
            try {
                tasks.awaitTermination(commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        StatefulRedisConnection<byte[], byte[]> connection = shared;
        if (connection != null) {
            connection.close();
        }
        if (ownsClient) {
            client.shutdown(Duration.ZERO, commandTimeout());
        }
    }

    private Member join(String group, boolean ackOnHandOut) {
        open.ensureOpen("create a subscriber");
        Member member = new Member(this, group, ackOnHandOut);
        members.add(member);
        startMaintenance();
        if (open.isClosed()) {
            member.close();
        }
        return member;
    }

    /** Makes sure delayed messages are moved into their streams, after a delayed publish. */
    void moveDelayedMessages() {
        startMaintenance();
    }

    private void startMaintenance() {
        synchronized (lock) {
            if (maintenance != null || open.isClosed()) {
                return;
            }
            maintenance = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "kincir-redis-maintenance");
                thread.setDaemon(true);
                return thread;
            });
            DelayMover mover = new DelayMover(this);
            maintenance.scheduleWithFixedDelay(mover, 0, mover.periodMillis(), TimeUnit.MILLISECONDS);
            long sweep = settings.claimInterval().toMillis();
            maintenance.scheduleWithFixedDelay(new IdleConsumerSweep(this), sweep, sweep, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * @param action what needs it, for the error message
     * @return the shared connection's commands, connecting on first use
     * @throws BrokerShutdownException if the backend is closed
     * @throws BackendUnavailableException if Redis cannot be reached
     */
    RedisAsyncCommands<byte[], byte[]> shared(String action) {
        StatefulRedisConnection<byte[], byte[]> connection = shared;
        if (connection == null) {
            synchronized (lock) {
                open.ensureOpen(action);
                if (shared == null) {
                    shared = connect(action);
                }
                connection = shared;
            }
        }
        open.ensureOpen(action);
        return connection.async();
    }

    /**
     * @return the shared connection's commands even while the backend closes, so that closing members
     *     can hand their entries back; null if it never connected
     */
    RedisAsyncCommands<byte[], byte[]> sharedWhileClosing() {
        StatefulRedisConnection<byte[], byte[]> connection = shared;
        return connection == null || !connection.isOpen() ? null : connection.async();
    }

    /** @return a new connection, for a subscriber's blocking reads */
    StatefulRedisConnection<byte[], byte[]> connect(String action) {
        open.ensureOpen(action);
        try {
            StatefulRedisConnection<byte[], byte[]> connection = uri == null ? client.connect(ByteArrayCodec.INSTANCE)
                    : client.connect(ByteArrayCodec.INSTANCE, uri);
            // A blocking read may last the block time plus a command's round trip.
            connection.setTimeout(connection.getTimeout().plus(settings.blockTime()));
            return connection;
        } catch (RuntimeException e) {
            if (refusedLogin(e)) {
                throw new AuthenticationFailedException("Redis at " + server + " refused the login: authentication "
                        + "failed for " + user() + " (" + Replies.reason(e) + ")", "Check spring.data.redis.password, "
                        + "and spring.data.redis.username for a user other than default (or the builder's password or "
                        + "URI)", e);
            }
            throw open.explain(new BackendUnavailableException("Cannot " + action + ": cannot connect to Redis at "
                    + server + ": " + Replies.reason(e) + ". Check that the server runs and that spring.data.redis.* "
                    + "(or the builder's URI) points at it", e), action);
        }
    }

    /** @return the user the backend logs in as, for messages: {@code default} unless its URI names one */
    private String user() {
        if (uri == null) {
            return "the given client's user";
        }
        if (uri.getCredentialsProvider() instanceof StaticCredentialsProvider given) {
            RedisCredentials credentials = given.resolveCredentialsNow();
            if (credentials != null && credentials.hasUsername()) {
                return "user '" + credentials.getUsername() + "'";
            }
        }
        return "user 'default'";
    }

    /**
     * The server's answers to a wrong or missing password: WRONGPASS (Redis 6 and later), NOAUTH when the
     * client sent none, "ERR invalid password" (older servers), and "ERR AUTH … called without any password
     * configured" when it sent one the server does not want.
     */
    private static boolean refusedLogin(Throwable failure) {
        return Replies.isError(failure, "WRONGPASS") || Replies.isError(failure, "NOAUTH")
                || Replies.isError(failure, "ERR invalid password") || Replies.isError(failure, "ERR AUTH");
    }

    /** @return how long a command may take, as the client is configured */
    Duration commandTimeout() {
        StatefulRedisConnection<byte[], byte[]> connection = shared;
        Duration timeout = connection != null ? connection.getTimeout() : uri != null ? uri.getTimeout() : null;
        return timeout != null ? timeout : RedisURI.DEFAULT_TIMEOUT_DURATION;
    }

    void forget(Member member) {
        members.remove(member);
    }

    /** @return the subscribers' members still open */
    List<Member> members() {
        return List.copyOf(members);
    }

    void ensureOpen(String action) {
        open.ensureOpen(action);
    }

    boolean isClosed() {
        return open.isClosed();
    }

    BrokerShutdownException closedError(String action) {
        return open.closedError(action);
    }

    BrokerShutdownException closedError(String action, Throwable cause) {
        return open.closedError(action, cause);
    }

    RuntimeException explain(RuntimeException failure, String action) {
        return open.explain(failure, action);
    }

    Keys keys() {
        return keys;
    }

    SkippedEntries skipped() {
        return skipped;
    }

    String server() {
        return server;
    }

    @Override
    public String toString() {
        return "RedisBackend[" + server + ", " + settings + "]";
    }

    /** Builds a {@link RedisBackend}; every setting has a default. */
    public static final class Builder {

        private RedisClient client;
        private RedisURI uri;
        private String host = "localhost";
        private int port = RedisURI.DEFAULT_REDIS_PORT;
        private CharSequence password;
        private boolean tls;
        private boolean partsSet;
        private RedisSettings settings = RedisSettings.defaults();

        private Builder() {
        }

        /**
         * Uses an application's client (in Spring Boot, {@code LettuceConnectionFactory.getRequiredNativeClient()},
         * configured by {@code spring.data.redis.*}), connecting to the URI it was created with; the
         * backend does not shut it down. Excludes a URI, host, port, password and TLS.
         *
         * @param client the client
         * @return this builder
         */
        public Builder redisClient(RedisClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * Uses an application's client, connecting to the given URI; the backend does not shut it down.
         *
         * @param client the client
         * @param uri where to connect
         * @return this builder
         */
        public Builder redisClient(RedisClient client, RedisURI uri) {
            this.client = Objects.requireNonNull(client, "client");
            this.uri = Objects.requireNonNull(uri, "uri");
            return this;
        }

        /**
         * @param uri a Redis URI such as {@code redis://:secret@localhost:6379/0} or {@code rediss://…} for TLS
         * @return this builder
         */
        public Builder uri(String uri) {
            return uri(RedisURI.create(Objects.requireNonNull(uri, "uri")));
        }

        /**
         * @param uri where to connect, with password, TLS and timeout
         * @return this builder
         */
        public Builder uri(RedisURI uri) {
            this.uri = Objects.requireNonNull(uri, "uri");
            return this;
        }

        /** @param host the server's host (default {@code localhost}) @return this builder */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            partsSet = true;
            return this;
        }

        /** @param port the server's port (default 6379) @return this builder */
        public Builder port(int port) {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
            }
            this.port = port;
            partsSet = true;
            return this;
        }

        /** @param password the password ({@code AUTH}), none by default @return this builder */
        public Builder password(CharSequence password) {
            this.password = Objects.requireNonNull(password, "password");
            partsSet = true;
            return this;
        }

        /** @param tls whether to connect with TLS (default false) @return this builder */
        public Builder tls(boolean tls) {
            this.tls = tls;
            partsSet = true;
            return this;
        }

        /** @param settings Kincir's own settings (default {@link RedisSettings#defaults()}) @return this builder */
        public Builder settings(RedisSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        private RedisURI uriFromParts() {
            RedisURI.Builder parts = RedisURI.builder().withHost(host).withPort(port).withSsl(tls);
            if (password != null) {
                parts.withPassword(password);
            }
            return parts.build();
        }

        /**
         * Builds the backend. It connects lazily: on the first publish, subscribe or health check.
         *
         * @return the backend
         * @throws IllegalStateException if both a client or URI and host, port, password or TLS were given
         */
        public RedisBackend build() {
            if ((client != null || uri != null) && partsSet) {
                throw new IllegalStateException("Give either a RedisClient, a URI, or host, port, password and TLS, "
                        + "not several: only one of them would be used");
            }
            return new RedisBackend(this);
        }
    }
}

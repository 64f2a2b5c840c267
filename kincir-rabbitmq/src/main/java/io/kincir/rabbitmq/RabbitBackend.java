package io.kincir.rabbitmq;

import io.kincir.AckSubscriber;
import io.kincir.Backend;
import io.kincir.BackendHealth;
import io.kincir.Features;
import io.kincir.BrokerShutdownException;
import io.kincir.Publisher;
import io.kincir.Subscriber;
import io.kincir.spi.Names;
import io.kincir.spi.OpenState;
import io.kincir.spi.Subscribers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * The RabbitMQ backend, on spring-rabbit's {@link ConnectionFactory} and {@link AmqpAdmin}: in a Spring
 * Boot application the ones {@code spring.rabbitmq.*} configures, so host, port, credentials, virtual
 * host, SSL and addresses apply unchanged.
 *
 * <p>Topology, declared on first use: a topic is a durable <em>fanout</em> exchange named after the
 * topic (every queue bound to it gets every message: the fan-out to groups, with no routing key to
 * agree on); a group is a durable queue {@code <topic>.<group>} bound to it, whose members compete for
 * its messages; a private subscriber gets an exclusive, auto-delete, server-named queue. Messages are
 * persistent (unless {@link Builder#persistent(boolean) persistent(false)}); the uuid is the AMQP
 * message id, metadata are headers, the payload is the body.
 *
 * <p>Publishing waits for publisher confirms, one wait per batch, with the mandatory flag: a message no
 * queue takes fails the publish (see {@link Builder#mandatory(boolean)}). {@code _delay} metadata parks
 * a message in a queue {@code <topic>.delay.<millis>} until its per-message TTL expires into the
 * topic's exchange (no plugin). A group's queue dead-letters to {@code <topic>.<group>.rejected}, so a
 * delivery rejected with {@code nack(false)} is kept there, not lost.
 *
 * <p>Thread-safe. Each subscriber has a channel of its own; publishers share a pool of channels. The
 * backend closes its own connection factory when built from host and port, and leaves one it was given
 * to its owner.
 *
 * <p>A connection factory the backend builds itself hands deliveries from the connection's I/O thread
 * straight to the subscriber's buffer. One it is given keeps its own consumer threads (other consumers,
 * such as {@code @RabbitListener} containers, may share it and may block), which costs one more thread
 * hand-off per delivery.
 */
public final class RabbitBackend implements Backend {

    private final ConnectionFactory connectionFactory;
    private final ConnectionFactory publisherConnectionFactory;
    private final CachingConnectionFactory ownedConnectionFactory;
    private final RabbitSettings settings;
    private final Topology topology;
    private final RabbitPublisher publisher;
    private final String server;
    private final Set<Member> members = ConcurrentHashMap.newKeySet();
    private final OpenState open = new OpenState("the RabbitMQ backend");
    private final Features features;
    private final LongAdder expired = new LongAdder();

    private RabbitBackend(Builder builder) {
        if (builder.connectionFactory != null) {
            this.connectionFactory = builder.connectionFactory;
            this.ownedConnectionFactory = null;
        } else {
            CachingConnectionFactory factory = new CachingConnectionFactory(builder.host, builder.port);
            factory.setUsername(builder.username);
            factory.setPassword(builder.password);
            factory.setVirtualHost(builder.virtualHost);
            // Subscribers' consumers only buffer deliveries, so they can run on the connection's I/O
            // thread: one thread wake less per message than the client's default consumer pool.
            factory.setExecutor(new CallingThreadExecutor());
            this.connectionFactory = factory;
            this.ownedConnectionFactory = factory;
        }
        // spring-rabbit's advice: publish on a connection of its own, so that a broker blocking
        // publishers (memory or disk alarm) does not stall consumers.
        ConnectionFactory publishing = connectionFactory.getPublisherConnectionFactory();
        this.publisherConnectionFactory = publishing != null ? publishing : connectionFactory;
        this.settings = new RabbitSettings(builder.prefetch, builder.mandatory, builder.confirmTimeout,
                builder.persistent, builder.maxPriority);
        this.server = connectionFactory.getHost() + ":" + connectionFactory.getPort() + " (virtual host '"
                + connectionFactory.getVirtualHost() + "')";
        AmqpAdmin admin = builder.admin != null ? builder.admin : new RabbitAdmin(connectionFactory);
        this.topology = new Topology(admin, connectionFactory, server, settings.maxPriority());
        this.publisher = new RabbitPublisher(this);
        Features.Builder declared = Features.builder().order(Features.OrderScope.TOPIC).ttl().delay();
        if (settings.maxPriority() > 0) {
            declared.priority();
        }
        if (settings.persistent()) {
            declared.survivesRestart();
        }
        this.features = declared.build();
    }

    /** Counts a message a subscriber skipped past its {@code _ttl}, shown in {@link #health()}'s {@code expired}. */
    void expired() {
        expired.increment();
    }

    /** @return a builder; without a connection factory it connects to localhost:5672 as guest */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Publisher publisher() {
        return publisher;
    }

    /**
     * A subscriber that acknowledges each message as it hands it out. It consumes with manual acks, so
     * what it buffered but did not hand out goes back to the group when it closes or loses its channel;
     * a private group's queue is deleted by the broker, with what it still holds, when it closes.
     */
    @Override
    public Subscriber subscriber() {
        return Subscribers.subscriber(join(null, true), Member.Inbound::message);
    }

    /** A member of a durable group, acknowledging on hand-out as {@link #subscriber()}. */
    @Override
    public Subscriber subscriber(String group) {
        return Subscribers.subscriber(join(Names.requireGroup(group), true), Member.Inbound::message);
    }

    /**
     * Manual acks with a prefetch: the broker requeues whatever is unacknowledged when the subscriber's
     * channel closes, whether the subscriber closed it or the connection was lost. {@code nack(false)}
     * dead-letters the message to the group's {@code <topic>.<group>.rejected} queue.
     */
    @Override
    public AckSubscriber ackSubscriber(String group) {
        Member member = join(Names.requireGroup(group), false);
        return Subscribers.ackSubscriber(member, inbound -> new RabbitDelivery(member, inbound));
    }

    /**
     * @return order per topic (one queue per group; per priority among messages with {@code _priority}),
     *     {@code _delay} through delay queues, {@code _ttl} as the message's expiration, {@code _priority}
     *     unless {@link Builder#maxPriority(int) maxPriority} is 0, and what a publish confirmed outlives
     *     a broker restart while messages are persistent (the default)
     */
    @Override
    public Features features() {
        return features;
    }

    /**
     * @return not known: AMQP 0-9-1 has no command that lists exchanges or queues, only the management
     *     plugin's HTTP API does, which this backend does not use. What it declared itself would show
     *     only this application's own topics and groups, so it reports none rather than a partial list.
     */
    @Override
    public io.kincir.Topology brokerTopology() {
        return io.kincir.Topology.unknown("AMQP 0-9-1 cannot list exchanges and queues; the RabbitMQ management "
                + "plugin shows them (rabbitmqctl list_queues, or its HTTP API)");
    }

    /**
     * @return up with the broker's version when a connection opens; down with the reason when none does,
     *     or while a subscriber's consumer that the broker cancelled (its queue deleted, its node down) is
     *     not consuming again yet, which it does on its next receive
     */
    @Override
    public BackendHealth health() {
        if (open.isClosed()) {
            return BackendHealth.down("The RabbitMQ backend was closed", java.util.Map.of("backend", "rabbitmq"));
        }
        List<String> cancelled = new ArrayList<>();
        for (Member member : members) {
            member.cancelledTopics().forEach(topic -> cancelled.add(member.groupName() + " on topic '" + topic + "'"));
        }
        return RabbitHealth.check(connectionFactory, server, members.size(), cancelled, expired.sum());
    }

    /**
     * Deletes a durable group: its queue and its rejected queue, with the messages they hold. Members
     * still subscribed declare the queue again, empty, on their next receive; close them first to remove
     * the group for good.
     *
     * @param topic the topic
     * @param group the group
     * @return whether the group's queue existed
     */
    public boolean deleteGroup(String topic, String group) {
        Names.requireTopic(topic);
        return topology.deleteGroup(topic, Names.requireGroup(group));
    }

    /**
     * Deletes every exchange and queue this backend declared — topics, group queues with their
     * rejected queues, delay queues — with the messages they hold, so that tests and temporary
     * topologies leave the server as they found it. What other backends declared is untouched.
     */
    public void deleteDeclared() {
        topology.deleteDeclared();
    }

    /**
     * Closes every subscriber (the broker requeues their unacknowledged deliveries) and the publishing
     * channels, then the connection factory if this backend created it. Publishing and subscribing
     * afterwards throw {@link BrokerShutdownException}.
     */
    @Override
    public void close() {
        if (!open.close()) {
            return;
        }
        List.copyOf(members).forEach(Member::close);
        publisher.close();
        if (ownedConnectionFactory != null) {
            ownedConnectionFactory.destroy();
        }
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

    void forget(Member member) {
        members.remove(member);
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

    /** @return the subscribers' members still open, for tests that look at their queues */
    List<Member> members() {
        return List.copyOf(members);
    }

    /** @return how this backend publishes and consumes */
    public RabbitSettings settings() {
        return settings;
    }

    Topology topology() {
        return topology;
    }

    String server() {
        return server;
    }

    ConnectionFactory connectionFactory() {
        return connectionFactory;
    }

    ConnectionFactory publisherConnectionFactory() {
        return publisherConnectionFactory;
    }


    @Override
    public String toString() {
        return "RabbitBackend[" + server + ", " + settings + "]";
    }

    /** Builds a {@link RabbitBackend}; every setting has a default. */
    public static final class Builder {

        private ConnectionFactory connectionFactory;
        private AmqpAdmin admin;
        private String host = "localhost";
        private int port = 5672;
        private String username = "guest";
        private String password = "guest";
        private String virtualHost = "/";
        private boolean connectionDetailsSet;
        private int prefetch = RabbitSettings.defaults().prefetch();
        private boolean mandatory = RabbitSettings.defaults().mandatory();
        private Duration confirmTimeout = RabbitSettings.defaults().confirmTimeout();
        private boolean persistent = RabbitSettings.defaults().persistent();
        private int maxPriority = RabbitSettings.defaults().maxPriority();

        private Builder() {
        }

        /**
         * Uses an application's connection factory (in Spring Boot, the one {@code spring.rabbitmq.*}
         * configures); the backend does not close it. Excludes host, port, credentials and virtual host.
         * Deliveries then reach subscribers through the factory's consumer threads, as for any other
         * consumer of it: one thread hand-off more per message than a factory the backend builds itself.
         *
         * @param connectionFactory the factory
         * @return this builder
         */
        public Builder connectionFactory(ConnectionFactory connectionFactory) {
            this.connectionFactory = Objects.requireNonNull(connectionFactory, "connectionFactory");
            return this;
        }

        /**
         * Declares exchanges and queues through this admin; by default a {@link RabbitAdmin} on the
         * connection factory.
         *
         * @param admin an admin on the same broker
         * @return this builder
         */
        public Builder amqpAdmin(AmqpAdmin admin) {
            this.admin = Objects.requireNonNull(admin, "admin");
            return this;
        }

        /**
         * @param host the broker's host (default {@code localhost})
         * @return this builder
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            connectionDetailsSet = true;
            return this;
        }

        /**
         * @param port the broker's AMQP port (default 5672)
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
            }
            this.port = port;
            connectionDetailsSet = true;
            return this;
        }

        /**
         * @param username the user (default {@code guest})
         * @param password the password (default {@code guest})
         * @return this builder
         */
        public Builder credentials(String username, String password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            connectionDetailsSet = true;
            return this;
        }

        /**
         * @param virtualHost the virtual host (default {@code /})
         * @return this builder
         */
        public Builder virtualHost(String virtualHost) {
            this.virtualHost = Objects.requireNonNull(virtualHost, "virtualHost");
            connectionDetailsSet = true;
            return this;
        }

        /**
         * Takes every one of Kincir's own settings at once (the Spring Boot starter's way).
         *
         * @param settings prefetch, mandatory, confirm timeout, persistence and max priority
         * @return this builder
         */
        public Builder settings(RabbitSettings settings) {
            prefetch = settings.prefetch();
            mandatory = settings.mandatory();
            confirmTimeout = settings.confirmTimeout();
            persistent = settings.persistent();
            maxPriority = settings.maxPriority();
            return this;
        }

        /**
         * @param maxPriority the {@code x-max-priority} of every queue the backend declares, from 1 to 9
         *     (default 9: every {@code _priority} its own level); 0 declares queues without it, as before
         *     priorities, and refuses messages with {@code _priority}. RabbitMQ cannot change the argument
         *     of a queue that exists: subscribing to one declared otherwise fails, saying so
         * @return this builder
         */
        public Builder maxPriority(int maxPriority) {
            this.maxPriority = maxPriority;
            return this;
        }

        /**
         * @param prefetch most unacknowledged deliveries the broker pushes to one subscriber per topic
         *     before it settles some (default 250, as spring-rabbit's listener containers)
         * @return this builder
         */
        public Builder prefetch(int prefetch) {
            this.prefetch = prefetch;
            return this;
        }

        /**
         * @param mandatory {@code true} (the default) to fail a publish whose messages no queue takes,
         *     because no group subscribed to the topic yet; {@code false} to let the broker drop them,
         *     as the in-memory broker does (it counts them as unrouted)
         * @return this builder
         */
        public Builder mandatory(boolean mandatory) {
            this.mandatory = mandatory;
            return this;
        }

        /**
         * @param confirmTimeout how long a publish waits for the broker to confirm its batch (default 30s)
         * @return this builder
         */
        public Builder confirmTimeout(Duration confirmTimeout) {
            this.confirmTimeout = confirmTimeout;
            return this;
        }

        /**
         * @param persistent {@code true} (the default) for messages the broker writes to disk in durable
         *     queues, so they survive its restart; {@code false} for faster, transient messages
         * @return this builder
         */
        public Builder persistent(boolean persistent) {
            this.persistent = persistent;
            return this;
        }

        /**
         * Builds the backend. It connects lazily: on the first publish, subscribe or health check.
         *
         * @return the backend
         * @throws IllegalStateException if both a connection factory and connection details were given
         * @throws IllegalArgumentException if a setting is out of range
         */
        public RabbitBackend build() {
            if (connectionFactory != null && connectionDetailsSet) {
                throw new IllegalStateException("Give either a connection factory or host, port, credentials and "
                        + "virtual host, not both: the connection factory's own settings would be used");
            }
            return new RabbitBackend(this);
        }
    }
}

package io.kincir.memory;

import io.kincir.AckSubscriber;
import io.kincir.Backend;
import io.kincir.BackendHealth;
import io.kincir.BrokerShutdownException;
import io.kincir.Features;
import io.kincir.MaxTopicsReachedException;
import io.kincir.Publisher;
import io.kincir.Subscriber;
import io.kincir.Topology;
import io.kincir.spi.Names;
import io.kincir.spi.Subscribers;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A message broker inside the JVM: the default backend, with the same semantics as the others, for
 * development, tests and single-process production.
 *
 * <p>Topics are created on first use. Each subscriber group of a topic has its own queue that
 * receives every message published after the group subscribed (fan-out); the group's members compete
 * for it (each message goes to one member). Named groups are durable: their queue outlives their
 * members and keeps collecting messages until {@link #deleteGroup} or shutdown. A message published
 * to a topic without groups is not kept; it is counted as unrouted.
 *
 * <p>Thread-safe. There is no broker-wide lock: a publish takes each target group's put lock once
 * per batch, plus the topic's lock when order is kept, and a receive takes its group's take lock.
 * Payloads are never copied, and a batch is one array shared by every group. A plain subscriber
 * takes a run of a batch under one lock acquisition: up to 128 messages when it is alone in its
 * group, its share and at most 16 when members compete; they stay queued (counted, bounded,
 * expiring) until handed out, and go back to the group if it closes first. A receiver that finds its queues empty polls for 20 µs before it parks:
 * it saves a park and unpark per message while messages flow, at the price of that much CPU time
 * once they stop.
 *
 * <p>Limits: everything lives in this JVM's heap and is lost when it stops; there is no
 * persistence and no sharing between processes. Use Kafka or RabbitMQ for that.
 */
public final class InMemoryBroker implements Backend {

    private static final System.Logger LOG = System.getLogger(InMemoryBroker.class.getName());

    private enum State { OPEN, DRAINING, TERMINATED }

    private final InMemoryConfig config;
    private final Counters counters;
    private final ConcurrentHashMap<String, Topic> topics = new ConcurrentHashMap<>();
    private final AtomicInteger topicCount = new AtomicInteger();
    private final AtomicReference<State> state = new AtomicReference<>(State.OPEN);
    private final AtomicInteger pendingDelayed = new AtomicInteger();
    private final ScheduledThreadPoolExecutor scheduler;
    private final Instant startedAt = Instant.now();
    private final Publisher publisher;

    /** @param config how the broker behaves */
    public InMemoryBroker(InMemoryConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.counters = new Counters(config.stats());
        this.publisher = new InMemoryPublisher(this, config, counters);
        this.scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "kincir-memory-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        Duration interval = config.cleanupInterval();
        if (interval != null) {
            long nanos = interval.toNanos();
            scheduler.scheduleWithFixedDelay(this::removeExpired, nanos, nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** @return a broker with {@link InMemoryConfig#defaults()} */
    public static InMemoryBroker withDefaultConfig() {
        return new InMemoryBroker(InMemoryConfig.defaults());
    }

    /**
     * @return a builder, the shape every backend has:
     *     {@code InMemoryBroker.builder().settings(InMemoryConfig.forTesting()).build()}
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the configuration */
    public InMemoryConfig config() {
        return config;
    }

    @Override
    public Publisher publisher() {
        return publisher;
    }

    @Override
    public Subscriber subscriber() {
        return subscriber(new Member(open("create a subscriber"), null, true));
    }

    @Override
    public Subscriber subscriber(String group) {
        return subscriber(new Member(open("create a subscriber"), Names.requireGroup(group), true));
    }

    @Override
    public AckSubscriber ackSubscriber(String group) {
        Member member = new Member(open("create a subscriber"), Names.requireGroup(group), false);
        return Subscribers.ackSubscriber(new TrackingReceiver(member, counters), delivery -> delivery);
    }

    /**
     * @return order per topic (per priority among messages with {@code _priority}), {@code _ttl},
     *     {@code _delay}, {@code _priority}, bounded queues, and {@code _sequence} when
     *     {@link InMemoryConfig#maintainOrder()} is on; nothing outlives the process
     */
    @Override
    public Features features() {
        Features.Builder features = Features.builder().order(Features.OrderScope.TOPIC).ttl().delay().priority()
                .boundedQueues();
        return (config.maintainOrder() ? features.sequence() : features).build();
    }

    private Subscriber subscriber(Member member) {
        return Subscribers.subscriber(member, message -> {
            counters.consumed();
            return message;
        });
    }

    private InMemoryBroker open(String action) {
        if (state.get() != State.OPEN) {
            throw notOpen(action);
        }
        return this;
    }

    GroupQueue join(Member member, String topicName, String group) {
        Objects.requireNonNull(topicName, "topic");
        if (state.get() != State.OPEN) {
            throw notOpen("subscribe to '" + topicName + "'");
        }
        return topic(topicName).join(group, member, config.maxSubscribersPerTopic());
    }

    Topic topic(String name) {
        Topic topic = topics.get(name);
        if (topic != null) {
            return topic;
        }
        return topics.computeIfAbsent(Names.requireTopic(name), this::newTopic);
    }

    private Topic newTopic(String name) {
        int limit = config.maxTopics();
        if (limit > 0 && topicCount.get() >= limit) {
            throw new MaxTopicsReachedException(limit, "Cannot create topic '" + name + "': the broker already holds "
                    + limit + " topics (max-topics=" + limit + "). Reuse topics or raise kincir.memory.max-topics");
        }
        topicCount.incrementAndGet();
        return new Topic(name, config.maxQueueSize(), counters);
    }

    /**
     * Deletes a durable subscriber group of a topic and the messages it holds (counted as dropped).
     * Members still subscribed to it receive nothing more from it.
     *
     * @param topic the topic
     * @param group the group
     * @return whether the group existed
     */
    public boolean deleteGroup(String topic, String group) {
        Topic existing = topics.get(topic);
        return existing != null && existing.deleteGroup(group);
    }

    /** @return the broker's health: whether it accepts messages, its topics, queued messages and memory */
    public BrokerHealth healthCheck() {
        long queued = 0;
        long memory = 0;
        for (Topic topic : topics.values()) {
            long topicMemory = 0;
            for (GroupQueue group : topic.groups()) {
                queued += group.size();
                topicMemory = Math.max(topicMemory, group.bytes());
            }
            memory += topicMemory;
        }
        return new BrokerHealth(state.get() == State.OPEN, topicCount.get(), queued, memory, counters.expired.sum(),
                counters.dropped.sum(), counters.unrouted.sum());
    }

    /** @return each topic's queue size, groups and age, sorted by name */
    public List<TopicInfo> listTopicInfo() {
        List<TopicInfo> infos = new ArrayList<>();
        for (Topic topic : topics.values()) {
            long queued = 0;
            for (GroupQueue group : topic.groups()) {
                queued += group.size();
            }
            infos.add(new TopicInfo(topic.name, queued, topic.groupNames(), topic.subscribers(), topic.unrouted.sum(),
                    topic.createdAt));
        }
        infos.sort((a, b) -> a.name().compareTo(b.name()));
        return infos;
    }

    /**
     * @return every topic with its groups, each with the messages waiting for it (those handed out and
     *     not yet acknowledged not counted); private groups are named {@code private-N}. A topic keeps no messages of its
     *     own, only its groups do, so its depth is not given.
     */
    @Override
    public Topology brokerTopology() {
        List<Topology.Topic> known = new ArrayList<>();
        for (Topic topic : topics.values()) {
            List<Topology.Group> groups = new ArrayList<>();
            for (GroupQueue group : topic.groups()) {
                groups.add(new Topology.Group(group.name, (long) group.size()));
            }
            known.add(new Topology.Topic(topic.name, null, groups));
        }
        return Topology.of("the in-memory broker's topics and groups", known);
    }

    /** @return statistics since start, or empty when stats are off ({@link InMemoryConfig#withStats}) */
    public Optional<BrokerStats> stats() {
        if (!config.stats()) {
            return Optional.empty();
        }
        int active = 0;
        for (Topic topic : topics.values()) {
            if (topic.groups().length > 0) {
                active++;
            }
        }
        return Optional.of(new BrokerStats(counters.published.sum(), counters.consumed.sum(), counters.expired.sum(),
                counters.unrouted.sum(), counters.dropped.sum(), active, Duration.between(startedAt, Instant.now())));
    }

    @Override
    public BackendHealth health() {
        BrokerHealth health = healthCheck();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("backend", "in-memory");
        details.put("state", state.get().name().toLowerCase(java.util.Locale.ROOT));
        details.put("topics", health.topicCount());
        details.put("queuedMessages", health.queuedMessages());
        details.put("memoryEstimateBytes", health.memoryEstimateBytes());
        details.put("expiredMessages", health.expiredMessages());
        details.put("droppedMessages", health.droppedMessages());
        details.put("unroutedMessages", health.unroutedMessages());
        return health.healthy() ? BackendHealth.up(details) : BackendHealth.down("The in-memory broker was shut down", details);
    }

    /**
     * Shuts down gracefully: publishes and new subscriptions are refused from now on, receivers drain
     * what is queued and then get a {@link BrokerShutdownException}. A publish that overlaps the call
     * either lands in a queue before its receivers finish draining or fails with a
     * {@link BrokerShutdownException}; none is accepted and then lost. Delayed messages not yet due
     * are dropped and counted. Does nothing if already shut down.
     */
    public void shutdown() {
        if (state.compareAndSet(State.OPEN, State.DRAINING)) {
            stopScheduler();
            sealAll();
            wakeAll();
        }
    }

    /**
     * Shuts down at once: drops every queued message (counted as dropped) and wakes every blocked
     * receiver with a {@link BrokerShutdownException}.
     *
     * @return how many queued messages were dropped
     */
    public long forceShutdown() {
        State previous = state.getAndSet(State.TERMINATED);
        if (previous == State.TERMINATED) {
            return 0;
        }
        if (previous == State.OPEN) {
            stopScheduler();
        }
        long before = counters.dropped.sum();
        for (Topic topic : topics.values()) {
            for (GroupQueue group : topic.groups()) {
                group.clear();
            }
        }
        wakeAll();
        long dropped = counters.dropped.sum() - before;
        if (dropped > 0) {
            LOG.log(Level.WARNING, "Forced shutdown of the in-memory broker dropped " + dropped + " queued messages");
        }
        return dropped;
    }

    /** @return whether {@link #shutdown()} or {@link #forceShutdown()} was called */
    public boolean isShutdown() {
        return state.get() != State.OPEN;
    }

    /** Shuts down gracefully, as {@link #shutdown()}. */
    @Override
    public void close() {
        shutdown();
    }

    boolean isOpen() {
        return state.get() == State.OPEN;
    }

    /** Runs {@code delivery} after {@code delayNanos}; counted as pending until then, dropped at shutdown. */
    void scheduleDelayed(Runnable delivery, long delayNanos) {
        pendingDelayed.incrementAndGet();
        scheduler.schedule(() -> {
            pendingDelayed.decrementAndGet();
            delivery.run();
        }, delayNanos, TimeUnit.NANOSECONDS);
    }

    boolean isTerminated() {
        return state.get() == State.TERMINATED;
    }

    void ensureNotTerminated() {
        if (state.get() == State.TERMINATED) {
            throw new BrokerShutdownException("The in-memory broker was force-shut down; its messages were dropped");
        }
    }

    static BrokerShutdownException notOpen(String action) {
        return new BrokerShutdownException("Cannot " + action + ": the in-memory broker was shut down");
    }

    private void stopScheduler() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int pending = pendingDelayed.getAndSet(0);
        if (pending > 0) {
            counters.dropped.add(pending);
            LOG.log(Level.WARNING, "The in-memory broker shut down with " + pending
                    + " delayed messages not yet due; they were dropped");
        }
    }

    private void removeExpired() {
        long now = System.nanoTime();
        for (Topic topic : topics.values()) {
            for (GroupQueue group : topic.groups()) {
                group.removeExpired(now);
            }
        }
    }

    /** A publish that passed the state check before shutdown either lands now or is refused and told. */
    private void sealAll() {
        for (Topic topic : topics.values()) {
            for (GroupQueue group : topic.groups()) {
                group.seal();
            }
        }
    }

    private void wakeAll() {
        for (Topic topic : topics.values()) {
            for (GroupQueue group : topic.groups()) {
                group.wakeAll();
            }
        }
    }


    @Override
    public String toString() {
        return "InMemoryBroker[" + config + "]";
    }

    /** Builds an {@link InMemoryBroker}; the same as its constructor, in the shape of the other backends' builders. */
    public static final class Builder {

        private InMemoryConfig settings = InMemoryConfig.defaults();

        private Builder() {
        }

        /**
         * @param settings how the broker behaves (default {@link InMemoryConfig#defaults()})
         * @return this builder
         */
        public Builder settings(InMemoryConfig settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** @return a new, running broker */
        public InMemoryBroker build() {
            return new InMemoryBroker(settings);
        }
    }
}

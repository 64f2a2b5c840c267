package io.kincir.memory;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How an {@link InMemoryBroker} behaves. Immutable: every {@code with…} method returns a new value.
 * A limit of {@code 0} and a duration of {@code null} or zero mean unlimited or off.
 *
 * <p>Memory is bounded by default: every group's queue holds at most 100,000 messages and the
 * broker at most 10,000 topics, so a group nobody reads (a dead-letter topic, the durable group of a
 * stopped listener) or topic names made up at run time end in a {@link io.kincir.QueueFullException}
 * or {@link io.kincir.MaxTopicsReachedException} naming the topic (and group), not in an
 * {@link OutOfMemoryError}. The bound counts messages, not bytes: the heap a full queue takes is
 * {@code maxQueueSize} times the average message size, so lower it for large messages. Set a limit
 * to 0 to lift it.
 *
 * <table>
 *   <caption>Profiles</caption>
 *   <tr><th>option</th><th>{@link #defaults()}</th><th>{@link #forTesting()}</th><th>{@link #highPerformance()}</th></tr>
 *   <tr><td>maxQueueSize</td><td>100,000</td><td>10,000</td><td>100,000</td></tr>
 *   <tr><td>maxTopics</td><td>10,000</td><td>10,000</td><td>10,000</td></tr>
 *   <tr><td>maintainOrder</td><td>true</td><td>true</td><td>false</td></tr>
 *   <tr><td>messageTtl</td><td>off</td><td>off</td><td>off</td></tr>
 *   <tr><td>cleanupInterval</td><td>60s</td><td>100ms</td><td>5min</td></tr>
 *   <tr><td>stats</td><td>false</td><td>true</td><td>false</td></tr>
 *   <tr><td>maxSubscribersPerTopic</td><td>0</td><td>0</td><td>0</td></tr>
 *   <tr><td>publishTimeout</td><td>0 (fail at once)</td><td>5s</td><td>0</td></tr>
 *   <tr><td>receiverSpin</td><td>20µs (0 on a single CPU)</td><td>same</td><td>same</td></tr>
 * </table>
 */
public final class InMemoryConfig {

    private static final Duration MAX_RECEIVER_SPIN = Duration.ofSeconds(1);

    /**
     * On 2 CPUs, single messages went through at 0.6-0.7 times an ArrayBlockingQueue's rate with this
     * spin and at 0.22 times parking at once, while the latency tail of either could not be told
     * apart from the machine's own (see the in-memory latency runs in kincir-benchmarks). On a single CPU the spinning thread
     * would only delay the publisher it waits for.
     */
    private static final Duration DEFAULT_RECEIVER_SPIN =
            Runtime.getRuntime().availableProcessors() > 1 ? Duration.ofNanos(20_000) : Duration.ZERO;

    /**
     * A group's queue holds at most this many messages by default: a group nobody reads (a
     * dead-letter topic, the durable group of a stopped listener) fills up and refuses publishes with
     * a {@link io.kincir.QueueFullException} instead of growing the heap until the JVM dies. At 1 KiB
     * a message that is about 100 MiB per group.
     */
    static final int DEFAULT_MAX_QUEUE_SIZE = 100_000;

    /** Topics are never removed, so a name made up per request or per user would grow the heap without limit. */
    static final int DEFAULT_MAX_TOPICS = 10_000;

    private static final InMemoryConfig DEFAULTS = new InMemoryConfig(DEFAULT_MAX_QUEUE_SIZE, DEFAULT_MAX_TOPICS, true,
            null, Duration.ofSeconds(60), false, 0, Duration.ZERO, DEFAULT_RECEIVER_SPIN);

    private final int maxQueueSize;
    private final int maxTopics;
    private final boolean maintainOrder;
    private final Duration messageTtl;
    private final Duration cleanupInterval;
    private final boolean stats;
    private final int maxSubscribersPerTopic;
    private final Duration publishTimeout;
    private final Duration receiverSpin;

    private InMemoryConfig(int maxQueueSize, int maxTopics, boolean maintainOrder, Duration messageTtl,
            Duration cleanupInterval, boolean stats, int maxSubscribersPerTopic, Duration publishTimeout,
            Duration receiverSpin) {
        this.maxQueueSize = requireNotNegative(maxQueueSize, "maxQueueSize");
        this.maxTopics = requireNotNegative(maxTopics, "maxTopics");
        this.maintainOrder = maintainOrder;
        this.messageTtl = zeroToNull(requireNotNegative(messageTtl, "messageTtl"));
        this.cleanupInterval = zeroToNull(requireNotNegative(cleanupInterval, "cleanupInterval"));
        this.stats = stats;
        this.maxSubscribersPerTopic = requireNotNegative(maxSubscribersPerTopic, "maxSubscribersPerTopic");
        Duration timeout = requireNotNegative(publishTimeout, "publishTimeout");
        this.publishTimeout = timeout == null ? Duration.ZERO : timeout;
        Duration spin = requireNotNegative(receiverSpin, "receiverSpin");
        if (spin != null && spin.compareTo(MAX_RECEIVER_SPIN) > 0) {
            throw new IllegalArgumentException("receiverSpin must be at most " + MAX_RECEIVER_SPIN
                    + " (a receiver that waits longer should park), was " + spin);
        }
        this.receiverSpin = spin == null ? Duration.ZERO : spin;
    }

    /**
     * @return queues bounded at 100,000 messages per group and at most 10,000 topics, ordering on, no TTL, cleanup every 60s, stats off, receivers
     *     spinning 20µs before they park (not on a single CPU)
     */
    public static InMemoryConfig defaults() {
        return DEFAULTS;
    }

    /**
     * @return for tests: the defaults with stats on, queues bounded at 10,000 with publishers waiting
     *     up to 5s for room (so a consumer that stopped fails the test instead of filling the heap),
     *     and cleanup every 100ms
     */
    public static InMemoryConfig forTesting() {
        return DEFAULTS.withStats(true).withMaxQueueSize(10_000).withPublishTimeout(Duration.ofSeconds(5))
                .withCleanupInterval(Duration.ofMillis(100));
    }

    /** @return for throughput: the defaults with ordering off, stats off and cleanup every 5 minutes */
    public static InMemoryConfig highPerformance() {
        return DEFAULTS.withMaintainOrder(false).withStats(false).withCleanupInterval(Duration.ofMinutes(5));
    }

    /**
     * @param maxQueueSize the most messages one subscriber group of a topic may hold waiting; a
     *     publish that would exceed it in any group fails whole with a
     *     {@link io.kincir.QueueFullException} naming the topic and group (or waits, see
     *     {@link #withPublishTimeout}); 0 for unlimited, which lets a group nobody reads grow the heap
     *     until the JVM runs out of memory; default 100,000
     * @return the new config
     */
    public InMemoryConfig withMaxQueueSize(int maxQueueSize) {
        return with(copy -> copy.maxQueueSize = maxQueueSize);
    }

    /**
     * @param maxTopics the most topics the broker holds; creating one more fails with a
     *     {@link io.kincir.MaxTopicsReachedException}; 0 for unlimited (topics are never removed);
     *     default 10,000
     * @return the new config
     */
    public InMemoryConfig withMaxTopics(int maxTopics) {
        return with(copy -> copy.maxTopics = maxTopics);
    }

    /**
     * @param maintainOrder whether messages get a {@code _sequence} number per topic and every group
     *     receives them in that order, even with concurrent publishers (publishes to one topic are
     *     then serialized)
     * @return the new config
     */
    public InMemoryConfig withMaintainOrder(boolean maintainOrder) {
        return with(copy -> copy.maintainOrder = maintainOrder);
    }

    /**
     * @param messageTtl how long a message may wait before it expires and is never delivered; a
     *     message's own {@code _ttl} metadata overrides it; null or zero for no expiry
     * @return the new config
     */
    public InMemoryConfig withMessageTtl(Duration messageTtl) {
        return with(copy -> copy.messageTtl = messageTtl);
    }

    /**
     * @param cleanupInterval how often a background task removes expired messages from the queues;
     *     null or zero for never (expired messages are then only skipped on delivery)
     * @return the new config
     */
    public InMemoryConfig withCleanupInterval(Duration cleanupInterval) {
        return with(copy -> copy.cleanupInterval = cleanupInterval);
    }

    /**
     * @param stats whether to count published and consumed messages for {@link InMemoryBroker#stats()}
     * @return the new config
     */
    public InMemoryConfig withStats(boolean stats) {
        return with(copy -> copy.stats = stats);
    }

    /**
     * @param maxSubscribersPerTopic the most subscribers (over all groups) one topic may have;
     *     subscribing one more fails with a {@link io.kincir.MaxSubscribersReachedException}; 0 for
     *     unlimited
     * @return the new config
     */
    public InMemoryConfig withMaxSubscribersPerTopic(int maxSubscribersPerTopic) {
        return with(copy -> copy.maxSubscribersPerTopic = maxSubscribersPerTopic);
    }

    /**
     * @param publishTimeout how long a publish waits for room in a full queue (back-pressure) before
     *     it fails with a {@link io.kincir.QueueFullException}; null or zero to fail at once
     * @return the new config
     */
    public InMemoryConfig withPublishTimeout(Duration publishTimeout) {
        return with(copy -> copy.publishTimeout = publishTimeout);
    }

    /**
     * @param receiverSpin how long a receiver that finds its queues empty keeps polling them before
     *     it parks its thread. Spinning delivers the next message of a stream within a microsecond
     *     instead of the tens of microseconds a parked thread takes to run again, and saves the
     *     publisher waking it; the price is this much CPU time each time the stream pauses, and, with
     *     as many busy threads as CPUs, a CPU the other threads may have needed. Zero parks at once:
     *     the choice for a machine whose CPUs are all busy. The default is 20µs, and zero on a
     *     single-CPU machine; a value set here is used as it is.
     *     At most 1s.
     * @return the new config
     */
    public InMemoryConfig withReceiverSpin(Duration receiverSpin) {
        return with(copy -> copy.receiverSpin = receiverSpin);
    }

    /** @return the queue limit per group, 0 for unlimited */
    public int maxQueueSize() {
        return maxQueueSize;
    }

    /** @return the topic limit, 0 for unlimited */
    public int maxTopics() {
        return maxTopics;
    }

    /** @return whether messages are sequenced and delivered in order */
    public boolean maintainOrder() {
        return maintainOrder;
    }

    /** @return the default message time-to-live, null for none */
    public Duration messageTtl() {
        return messageTtl;
    }

    /** @return the expiry cleanup interval, null for none */
    public Duration cleanupInterval() {
        return cleanupInterval;
    }

    /** @return whether statistics are collected */
    public boolean stats() {
        return stats;
    }

    /** @return the subscriber limit per topic, 0 for unlimited */
    public int maxSubscribersPerTopic() {
        return maxSubscribersPerTopic;
    }

    /** @return how long a publish waits for room in a full queue; zero to fail at once */
    public Duration publishTimeout() {
        return publishTimeout;
    }

    /** @return how long an idle receiver polls before parking; zero to park at once */
    public Duration receiverSpin() {
        return receiverSpin;
    }

    private InMemoryConfig with(Consumer<Values> change) {
        Values copy = new Values(this);
        change.accept(copy);
        return new InMemoryConfig(copy.maxQueueSize, copy.maxTopics, copy.maintainOrder, copy.messageTtl,
                copy.cleanupInterval, copy.stats, copy.maxSubscribersPerTopic, copy.publishTimeout, copy.receiverSpin);
    }

    /** A mutable copy, so each wither changes one field without repeating the others. */
    private static final class Values {
        int maxQueueSize;
        int maxTopics;
        boolean maintainOrder;
        Duration messageTtl;
        Duration cleanupInterval;
        boolean stats;
        int maxSubscribersPerTopic;
        Duration publishTimeout;
        Duration receiverSpin;

        Values(InMemoryConfig config) {
            maxQueueSize = config.maxQueueSize;
            maxTopics = config.maxTopics;
            maintainOrder = config.maintainOrder;
            messageTtl = config.messageTtl;
            cleanupInterval = config.cleanupInterval;
            stats = config.stats;
            maxSubscribersPerTopic = config.maxSubscribersPerTopic;
            publishTimeout = config.publishTimeout;
            receiverSpin = config.receiverSpin;
        }
    }

    private static int requireNotNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be 0 (unlimited) or more, was " + value);
        }
        return value;
    }

    private static Duration requireNotNegative(Duration value, String name) {
        if (value != null && value.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero (off) or positive, was " + value);
        }
        return value;
    }

    private static Duration zeroToNull(Duration value) {
        return value == null || value.isZero() ? null : value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InMemoryConfig that
                && maxQueueSize == that.maxQueueSize
                && maxTopics == that.maxTopics
                && maintainOrder == that.maintainOrder
                && Objects.equals(messageTtl, that.messageTtl)
                && Objects.equals(cleanupInterval, that.cleanupInterval)
                && stats == that.stats
                && maxSubscribersPerTopic == that.maxSubscribersPerTopic
                && publishTimeout.equals(that.publishTimeout)
                && receiverSpin.equals(that.receiverSpin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxQueueSize, maxTopics, maintainOrder, messageTtl, cleanupInterval, stats,
                maxSubscribersPerTopic, publishTimeout, receiverSpin);
    }

    @Override
    public String toString() {
        return "InMemoryConfig[maxQueueSize=" + maxQueueSize + ", maxTopics=" + maxTopics + ", maintainOrder="
                + maintainOrder + ", messageTtl=" + messageTtl + ", cleanupInterval=" + cleanupInterval
                + ", stats=" + stats + ", maxSubscribersPerTopic=" + maxSubscribersPerTopic
                + ", publishTimeout=" + publishTimeout + ", receiverSpin=" + receiverSpin + "]";
    }
}

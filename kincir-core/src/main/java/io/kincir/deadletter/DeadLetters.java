package io.kincir.deadletter;

import io.kincir.Backend;
import io.kincir.Publisher;
import io.kincir.spi.Names;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dead letters of a backend: lists the messages waiting in a dead-letter topic, replays them to the
 * topic they came from, or purges them. Works on every backend, through the same {@link Backend} API the
 * listener container uses, with or without Spring.
 *
 * <p>It reads a dead-letter topic as a member of the durable group that keeps its dead letters
 * ({@value #DEFAULT_GROUP} unless {@link Builder#group(String) set}; the listener container creates it
 * before it consumes). Each operation reads what the group holds, at most {@link Builder#maxMessages(int)}
 * dead letters and until none came for {@link Builder#quietPeriod(Duration)}, holding them unacknowledged;
 * it acknowledges what it replays or purges, and gives the rest back ({@code nack(true)}). So:
 * <ul>
 * <li>a listing takes nothing away;</li>
 * <li>a dead letter is acknowledged only after the publish of its replay returned: a replay that fails
 * half-way leaves that dead letter and the rest where they were, and the exception says how many were
 * replayed;</li>
 * <li>a replayed copy is the message as it was first published: its uuid, payload and metadata, without
 * what dead-lettering and the backend added ({@code _error}, {@code _original_topic}, {@code _attempt},
 * {@code _dead_lettered_at}, {@code _sequence}, {@code _published_at}), with {@code _replayed} (1 for the
 * first replay, one more each time) and {@code _replayed_at}.</li>
 * </ul>
 *
 * <p>Limits: an operation sees at most {@code maxMessages} dead letters per topic, fewer where the
 * backend bounds what one member holds unacknowledged (RabbitMQ: {@code prefetch}, 250 by default; NATS:
 * the consumer's max ack pending, 1,000 by default); {@link DeadLetterPage#complete()} and
 * {@link DeadLetterOutcome#complete()} say when more may wait. Several processes reading the same topic
 * are competing members of one group, so each sees the share it receives: run the operations on one.
 * A dead letter the backend acknowledges by position (Kafka) and that was removed before older ones stays
 * in the topic until they are removed as well; this object remembers it and does not show it again, a
 * restarted process does.
 *
 * <p>Thread-safe: operations on one topic run one at a time. Each topic asked about keeps a member of
 * the group until {@link #close()}.
 */
public final class DeadLetters implements AutoCloseable {

    /** The group that keeps dead letters unless configured otherwise, as in the listener container. */
    public static final String DEFAULT_GROUP = "kincir-dead-letters";

    private static final System.Logger LOG = System.getLogger(DeadLetters.class.getName());

    private final Backend backend;
    private final Replayer replayer;
    private final String group;
    private final Duration quietPeriod;
    private final int maxMessages;
    private final Map<String, TopicReader> readers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private DeadLetters(Builder builder) {
        this.backend = builder.backend;
        this.replayer = new Replayer(builder.publisher != null ? builder.publisher : backend.publisher());
        this.group = Names.requireGroup(builder.group);
        this.quietPeriod = Objects.requireNonNull(builder.quietPeriod, "quietPeriod");
        if (quietPeriod.isNegative() || quietPeriod.isZero()) {
            throw new IllegalArgumentException("quietPeriod must be positive, was " + quietPeriod);
        }
        if (builder.maxMessages < 1) {
            throw new IllegalArgumentException("maxMessages must be at least 1, was " + builder.maxMessages);
        }
        this.maxMessages = builder.maxMessages;
    }

    /**
     * @param backend the backend whose dead letters to read, and to replay to unless
     *     {@link Builder#publisher(Publisher)} says otherwise
     * @return a builder with the defaults: group {@value #DEFAULT_GROUP}, quiet period 500 ms, at most
     *     1,000 dead letters per operation
     */
    public static Builder builder(Backend backend) {
        return new Builder(Objects.requireNonNull(backend, "backend"));
    }

    /**
     * Lists dead letters without taking them away.
     *
     * @param topic the dead-letter topic, such as {@code orders.dlq}
     * @param offset how many of the oldest to skip, 0 or more
     * @param limit the most to return, at least 1
     * @return the page, oldest first
     */
    public DeadLetterPage list(String topic, int offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be 0 or more and limit at least 1, were " + offset
                    + " and " + limit);
        }
        return reader(topic).read(held -> {
            List<DeadLetter> all = held.oldestFirst();
            List<DeadLetter> page = all.subList(Math.min(offset, all.size()), Math.min(all.size(),
                    (int) Math.min(Integer.MAX_VALUE, (long) offset + limit)));
            return new DeadLetterPage(topic, offset, page, all.size(), held.complete());
        });
    }

    /**
     * Replays the dead letters with these uuids to their original topics, oldest first, each one
     * acknowledged once its replay is published.
     *
     * @param topic the dead-letter topic
     * @param uuids the dead letters to replay
     * @return those replayed, and those left with the reason
     * @throws io.kincir.KincirException if a replay could not be published: it and those not yet replayed stay
     */
    public DeadLetterOutcome replay(String topic, Collection<String> uuids) {
        Set<String> wanted = new LinkedHashSet<>(uuids);
        return reader(topic).read(held -> replayer.replay(topic, held, Selection.of(held, wanted)));
    }

    /**
     * Replays every dead letter one read reaches (see {@link DeadLetterOutcome#complete()}), oldest first.
     *
     * @param topic the dead-letter topic
     * @return those replayed
     * @throws io.kincir.KincirException if a replay could not be published: it and those not yet replayed stay
     */
    public DeadLetterOutcome replayAll(String topic) {
        return reader(topic).read(held -> replayer.replay(topic, held, Selection.all(held)));
    }

    /**
     * Removes the dead letters with these uuids for good.
     *
     * @param topic the dead-letter topic
     * @param uuids the dead letters to remove
     * @return those purged, and those left with the reason
     */
    public DeadLetterOutcome purge(String topic, Collection<String> uuids) {
        Set<String> wanted = new LinkedHashSet<>(uuids);
        return reader(topic).read(held -> purge(topic, held, Selection.of(held, wanted)));
    }

    /**
     * Removes for good every dead letter one read reaches (see {@link DeadLetterOutcome#complete()}).
     *
     * @param topic the dead-letter topic
     * @return those purged
     */
    public DeadLetterOutcome purgeAll(String topic) {
        return reader(topic).read(held -> purge(topic, held, Selection.all(held)));
    }

    /** @return the group the dead letters are read in */
    public String group() {
        return group;
    }

    /** Closes the member of each topic read; the backend takes back what it had fetched. */
    @Override
    public void close() {
        closed = true;
        readers.values().forEach(TopicReader::close);
        readers.clear();
    }

    private TopicReader reader(String topic) {
        Objects.requireNonNull(topic, "topic");
        if (topic.isBlank()) {
            throw new IllegalArgumentException("A dead-letter topic must not be blank");
        }
        if (closed) {
            throw new IllegalStateException("These dead letters were closed");
        }
        return readers.computeIfAbsent(topic, name -> new TopicReader(backend, group, name, quietPeriod, maxMessages));
    }

    private static DeadLetterOutcome purge(String topic, HeldDeadLetters held, Selection selection) {
        List<String> purged = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>(selection.skipped());
        for (DeadLetter deadLetter : selection.deadLetters()) {
            String refused = held.remove(deadLetter);
            if (refused == null) {
                purged.add(deadLetter.uuid());
            } else {
                skipped.put(deadLetter.uuid(), "could not be removed: " + refused);
            }
        }
        LOG.log(Level.INFO, "Purged " + purged.size() + " dead letters of topic '" + topic + "'");
        return new DeadLetterOutcome(topic, purged, skipped, held.complete());
    }

    /** Builds {@link DeadLetters}: {@link DeadLetters#builder(Backend)}. Not thread-safe. */
    public static final class Builder {

        private final Backend backend;
        private Publisher publisher;
        private String group = DEFAULT_GROUP;
        private Duration quietPeriod = Duration.ofMillis(500);
        private int maxMessages = 1_000;

        private Builder(Backend backend) {
            this.backend = backend;
        }

        /** @param group the durable group that keeps the dead letters, as the listener container names it */
        public Builder group(String group) {
            this.group = group;
            return this;
        }

        /** @param publisher publishes replays; the backend's publisher by default */
        public Builder publisher(Publisher publisher) {
            this.publisher = publisher;
            return this;
        }

        /**
         * @param quietPeriod how long an operation waits for one more dead letter before it takes what it
         *     read as all there is; every operation takes at least this long
         */
        public Builder quietPeriod(Duration quietPeriod) {
            this.quietPeriod = quietPeriod;
            return this;
        }

        /** @param maxMessages the most dead letters one operation reads per topic, at least 1 */
        public Builder maxMessages(int maxMessages) {
            this.maxMessages = maxMessages;
            return this;
        }

        /**
         * @return the dead letters; nothing is read until the first operation
         * @throws IllegalArgumentException if a setting is out of range
         */
        public DeadLetters build() {
            return new DeadLetters(this);
        }
    }
}

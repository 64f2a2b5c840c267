package io.kincir.deadletter;

import io.kincir.AckSubscriber;
import io.kincir.Backend;
import io.kincir.Delivery;
import io.kincir.KincirException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * The member of the dead-letter group that reads one dead-letter topic, for one operation at a time.
 *
 * <p>Each operation reads what the group holds, up to the limit, until nothing more comes for the
 * quiet period, holding every delivery unsettled; it acknowledges only what it removes, and gives the
 * rest back with {@code nack(true)} at its end. So a listing takes nothing away, and a replay that
 * fails half-way leaves the dead letters it did not replay where they were.
 *
 * <p>The member stays subscribed between operations rather than closing after each one: on some
 * brokers what a closing member gives back waits for a redelivery timeout when no other member of the
 * group is receiving (NATS before 2.10), and joining a Kafka group costs a rebalance. If receiving
 * fails (the broker closed the channel, the connection dropped), the member is replaced and the read
 * starts over once.
 */
final class TopicReader {

    private static final System.Logger LOG = System.getLogger(TopicReader.class.getName());

    private final Backend backend;
    private final String group;
    private final String topic;
    private final Duration quietPeriod;
    private final int maxMessages;
    private final RemovedDeadLetters removed = new RemovedDeadLetters();
    private AckSubscriber subscriber;

    TopicReader(Backend backend, String group, String topic, Duration quietPeriod, int maxMessages) {
        this.backend = backend;
        this.group = group;
        this.topic = topic;
        this.quietPeriod = quietPeriod;
        this.maxMessages = maxMessages;
    }

    /**
     * Reads the dead letters, lets the operation remove some, and gives the rest back.
     *
     * @param operation what to do with what was read
     * @param <T> what the operation returns
     * @return what it returned
     */
    synchronized <T> T read(Function<HeldDeadLetters, T> operation) {
        HeldDeadLetters held = readHeld();
        try {
            return operation.apply(held);
        } finally {
            held.giveBack();
        }
    }

    private HeldDeadLetters readHeld() {
        try {
            return readOnce();
        } catch (KincirException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e;
            }
            LOG.log(Level.WARNING, "Reading the dead letters of topic '" + topic + "' failed; reading again with a "
                    + "new member of group '" + group + "'", e);
            return readOnce();
        }
    }

    private HeldDeadLetters readOnce() {
        HeldDeadLetters held = new HeldDeadLetters(topic, removed);
        try {
            AckSubscriber reading = subscriber();
            Instant now = Instant.now();
            while (held.size() < maxMessages) {
                Optional<Delivery> next = reading.receive(quietPeriod);
                if (next.isEmpty()) {
                    held.readEverything();
                    break;
                }
                held.add(next.get(), now);
            }
            return held;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            held.giveBack();
            throw new KincirException("Interrupted while reading the dead letters of topic '" + topic + "'", e);
        } catch (RuntimeException e) {
            held.giveBack();
            close();
            throw new KincirException("Could not read the dead letters of topic '" + topic + "' in group '" + group
                    + "': " + e.getMessage(), e);
        }
    }

    private AckSubscriber subscriber() {
        if (subscriber == null) {
            AckSubscriber joining = backend.ackSubscriber(group);
            try {
                joining.subscribe(topic);
            } catch (RuntimeException e) {
                joining.close();
                throw e;
            }
            subscriber = joining;
        }
        return subscriber;
    }

    /** Closes the member: the backend takes back whatever it had fetched for it. */
    synchronized void close() {
        if (subscriber != null) {
            try {
                subscriber.close();
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, () -> "Could not close the dead-letter reader of topic '" + topic + "': " + e);
            }
            subscriber = null;
        }
    }
}

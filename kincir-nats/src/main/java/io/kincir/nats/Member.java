package io.kincir.nats;

import io.kincir.BackendUnavailableException;
import io.kincir.Message;
import io.kincir.spi.Deadline;
import io.kincir.spi.Names;
import io.kincir.spi.Receiver;
import io.nats.client.ConsumeOptions;
import io.nats.client.ConsumerContext;
import io.nats.client.Dispatcher;
import io.nats.client.JetStreamApiException;
import io.nats.client.MessageConsumer;
import io.nats.client.StreamContext;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.impl.NatsJetStreamMetaData;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One subscriber: per subscribed topic a pull consumer of the topic's stream — the group's durable
 * consumer, whose members compete for its messages, or a consumer of its own for a private subscriber
 * — consumed through one dispatcher thread into a local buffer of at most {@code pullBatch} messages.
 * The dispatcher waits while the buffer is full, and the client pulls again only as it delivers, so a
 * member holds little more than a pull batch per topic that its peers could have had.
 *
 * <p>Closing gives back at once everything the member holds — deliveries handed out and not settled,
 * the buffer, and what the server was still sending for its pulls — so the group gets it again now
 * instead of after the ack wait: to an open member of the same group in this backend, which takes it
 * over, or else to the server with a negative acknowledgement each, once the server has dropped the
 * member's pull requests (see {@link Returns}). A private subscriber's consumers are then deleted; the
 * server also deletes them after {@link #PRIVATE_INACTIVITY} without pulls, should the process die first.
 *
 * <p>Used by one thread at a time; {@link #close()} may come from another (the backend closing).
 */
final class Member implements Receiver<NatsDelivery> {

    private static final System.Logger LOG = System.getLogger(Member.class.getName());

    /** How long the server keeps a private subscriber's consumer that nobody pulls from. */
    static final Duration PRIVATE_INACTIVITY = Duration.ofMinutes(5);
    /**
     * How long a pull waits on the server. A reconnect makes the member pull again at once (a restarted
     * server forgot its pulls); the pull's idle heartbeats (half of it) are how the client would notice
     * otherwise, after three of them were missed.
     */
    private static final long PULL_EXPIRY_MILLIS = 10_000;
    /** How long closing waits for the server's last messages to the member's pulls. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

    private final NatsBackend backend;
    private final String group;
    private final String consumer;
    private final boolean ackOnHandOut;
    private final Map<String, MessageConsumer> consumers = new ConcurrentHashMap<>();
    private final Set<NatsDelivery> held = ConcurrentHashMap.newKeySet();
    private final Inbox inbox;
    private final Returns returns;
    private final Object lifecycle = new Object();
    private Dispatcher dispatcher;
    private volatile boolean closed;
    /** Set when the connection came back after a loss: the next receive consumes every topic again. */
    private volatile boolean pullAgain;

    /**
     * @param group the group, or null for a private group of one
     * @param ackOnHandOut whether a delivery is acknowledged as it is handed out (a plain subscriber)
     */
    Member(NatsBackend backend, String group, boolean ackOnHandOut) {
        this.backend = backend;
        this.group = group;
        this.consumer = group == null ? NatsNames.privateConsumer() : NatsNames.consumer(group);
        this.ackOnHandOut = ackOnHandOut;
        this.inbox = new Inbox(backend.settings().pullBatch(), () -> closed);
        this.returns = new Returns(backend, group, consumer);
    }

    @Override
    public void subscribe(String topic) {
        ensureOpen();
        String action = "subscribe " + groupName() + " to '" + topic + "'";
        backend.ensureOpen(action);
        if (consumers.containsKey(topic)) {
            return;
        }
        try {
            MessageConsumer consuming = consume(topic);
            consumers.put(topic, consuming);
            if (closed) {
                // close() ran on another thread (the backend closing) while this subscribed.
                consuming.stop();
            }
        } catch (RuntimeException e) {
            throw backend.explain(e, action);
        }
    }

    private MessageConsumer consume(String topic) {
        ConsumerConfiguration.Builder configuration = ConsumerConfiguration.builder()
                .durable(consumer)
                .ackPolicy(AckPolicy.Explicit)
                .deliverPolicy(DeliverPolicy.New)
                .ackWait(backend.settings().ackWait());
        if (group == null) {
            configuration.inactiveThreshold(PRIVATE_INACTIVITY);
        }
        ConsumeOptions options = ConsumeOptions.builder().batchSize(backend.settings().pullBatch())
                .expiresIn(PULL_EXPIRY_MILLIS).build();
        StreamContext stream = backend.streams().ensure(topic);
        try {
            ConsumerContext context;
            try {
                context = stream.createOrUpdateConsumer(configuration.build());
            } catch (JetStreamApiException e) {
                // The stream may have been deleted since this backend created it: create it again, once.
                backend.streams().forget(topic);
                context = backend.streams().ensure(topic).createOrUpdateConsumer(configuration.build());
            }
            return context.consume(options, dispatcher(), this::arrived);
        } catch (IOException | JetStreamApiException e) {
            throw new BackendUnavailableException("Cannot create the consumer of " + groupName() + " on topic '" + topic
                    + "' (stream '" + NatsNames.stream(topic) + "', consumer '" + consumer + "') on NATS at "
                    + backend.connection().servers() + ": " + LazyConnection.rootMessage(e), e);
        }
    }

    private Dispatcher dispatcher() {
        synchronized (lifecycle) {
            if (dispatcher == null) {
                dispatcher = backend.connection().get().createDispatcher();
            }
            return dispatcher;
        }
    }

    /** Runs on the dispatcher thread: waits for room in the buffer, or returns the message if closed. */
    private void arrived(io.nats.client.Message received) {
        if (!received.isJetStream()) {
            return;
        }
        try {
            if (inbox.put(received)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        returns.give(received);
    }

    /**
     * Hands out the next message that is due: one not yet due under {@code _delay} goes back to the
     * server until it is, one past its {@code _ttl} is terminated and counted.
     */
    @Override
    public NatsDelivery next(Duration timeout) throws InterruptedException {
        ensureOpen();
        Deadline deadline = Deadline.after(timeout);
        while (true) {
            ensureOpen();
            if (pullAgain) {
                consumeAgain();
            }
            io.nats.client.Message received = inbox.take(deadline);
            if (received == null) {
                ensureOpen();
                if (pullAgain || deadline.remainingNanos() > 0) {
                    continue; // woken early: to pull again, or for a message handed over
                }
                return null;
            }
            if (closed) {
                returns.give(received);
                continue;
            }
            NatsDelivery delivery = handOut(received);
            if (delivery != null) {
                return delivery;
            }
        }
    }

    /**
     * Runs on the client's thread when the connection is back after a loss. The server may have restarted
     * and forgotten this member's pulls, which the client library would notice only after three missed
     * idle heartbeats (15 to 30 s); the next receive pulls again at once instead.
     */
    void reconnected() {
        pullAgain = true;
        inbox.wake();
    }

    /**
     * Consumes every subscribed topic anew and stops the consumers from before the reconnect; what their
     * pulls still bring (a server that did not restart kept them) arrives as before.
     *
     * @throws BackendUnavailableException if the server does not answer yet; the next receive tries again
     */
    private void consumeAgain() {
        pullAgain = false;
        for (Map.Entry<String, MessageConsumer> subscribed : consumers.entrySet()) {
            MessageConsumer fresh;
            try {
                fresh = consume(subscribed.getKey());
            } catch (RuntimeException e) {
                pullAgain = true;
                throw backend.explain(e, "consume topic '" + subscribed.getKey() + "' again for " + groupName()
                        + " after the connection to NATS came back");
            }
            subscribed.getValue().stop();
            subscribed.setValue(fresh);
            if (closed) {
                // close() ran on another thread (the backend closing) while this consumed again.
                fresh.stop();
            }
        }
    }

    private NatsDelivery handOut(io.nats.client.Message received) {
        NatsJetStreamMetaData meta = received.metaData();
        byte[] payload = received.getData() == null ? new byte[0] : received.getData();
        Message message = MessageCodec.numbered(MessageCodec.message(received.getHeaders(), payload,
                meta.getStream() + "@" + meta.streamSequence()),
                meta.streamSequence());
        Instant storedAt = meta.timestamp().toInstant();
        Instant now = Instant.now();
        if (Schedule.expired(message, storedAt, now)) {
            received.term();
            backend.countExpired();
            return null;
        }
        Optional<Duration> notYet = Schedule.remainingDelay(message, storedAt, now);
        if (notYet.isPresent()) {
            received.nakWithDelay(notYet.get());
            return null;
        }
        NatsDelivery delivery = new NatsDelivery(this, received, message);
        if (ackOnHandOut) {
            received.ack();
        } else {
            held.add(delivery);
        }
        return delivery;
    }

    void settled(NatsDelivery delivery) {
        held.remove(delivery);
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Takes over a message that a closing member of this member's group gives back, if this member is
     * open and consumes the message's stream; restarts the message's ack wait, since it is handed out
     * from here like one just delivered.
     */
    boolean takeOver(String fromGroup, io.nats.client.Message message) {
        String stream = message.metaData().getStream();
        synchronized (lifecycle) {
            if (closed || !fromGroup.equals(group)
                    || consumers.keySet().stream().map(NatsNames::stream).noneMatch(stream::equals)) {
                return false;
            }
            inbox.handOver(message);
        }
        message.inProgress();
        return true;
    }

    /**
     * Stops pulling, gives back everything held ({@link Returns}), deletes a private subscriber's
     * consumers, and wakes a waiting receiver. Idempotent; may be called from another thread. The
     * members of one backend close one at a time ({@link NatsBackend#closing()}; why, see {@link Returns}).
     */
    @Override
    public void close() {
        synchronized (backend.closing()) {
            Dispatcher draining;
            synchronized (lifecycle) {
                if (closed) {
                    return;
                }
                closed = true;
                draining = dispatcher;
            }
            backend.forget(this);
            consumers.values().forEach(MessageConsumer::stop);
            if (draining != null) {
                drain(draining);
            }
            giveBack();
        }
        if (group == null) {
            consumers.keySet().forEach(this::deletePrivateConsumer);
        }
        inbox.wake();
    }

    private void giveBack() {
        inbox.drainTo(returns::give);
        held.forEach(delivery -> delivery.takeBack().ifPresent(returns::give));
        held.clear();
        returns.release();
    }

    /**
     * Unsubscribes every pull and waits until the server's last messages to them have arrived (the
     * dispatcher adds each to the returns, since the member is closed): what the server sent just before
     * it learned of the unsubscribe would otherwise be dropped here and come back only after the ack wait.
     */
    private void drain(Dispatcher draining) {
        try {
            draining.drain(DRAIN_TIMEOUT).get(DRAIN_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, () -> "Could not drain the pulls of " + groupName() + ": " + e);
        }
        try {
            io.nats.client.Connection connection = backend.connection().ifOpen();
            if (connection != null && draining.isActive()) {
                connection.closeDispatcher(draining);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "Could not close the dispatcher of " + groupName() + ": " + e);
        }
    }

    private void deletePrivateConsumer(String topic) {
        try {
            backend.connection().management().deleteConsumer(NatsNames.stream(topic), consumer);
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "Could not delete consumer '" + consumer + "' of topic '" + topic
                    + "'; the server deletes it after " + PRIVATE_INACTIVITY + " without pulls: " + e);
        }
    }

    String groupName() {
        return group == null ? "a private subscriber" : "group '" + group + "'";
    }

    private void ensureOpen() {
        if (closed) {
            if (backend.isClosed()) {
                throw backend.closedError("receive for " + groupName() + " (what it held went back to the group)");
            }
            throw new IllegalStateException("This subscriber is closed; create a new one");
        }
    }

    @Override
    public String toString() {
        return "NatsMember[" + groupName() + ", topics " + consumers.keySet() + "]";
    }
}

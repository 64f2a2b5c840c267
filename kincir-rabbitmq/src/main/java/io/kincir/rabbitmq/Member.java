package io.kincir.rabbitmq;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import io.kincir.BackendUnavailableException;
import io.kincir.Message;
import io.kincir.spi.Deadline;
import io.kincir.spi.Expiry;
import io.kincir.spi.Failures;
import io.kincir.spi.Receiver;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One subscriber's consumers: a channel of its own with one consumer per subscribed topic, all
 * acknowledging manually, and a local buffer the client library fills (at most {@code prefetch}
 * unacknowledged deliveries per consumer).
 *
 * <p>Nothing in the buffer is acknowledged until it is handed out, so closing the channel, or losing
 * it, returns everything not yet handed out to the group: the broker requeues every unacknowledged
 * delivery of a closed channel. Deliveries buffered from a channel that has since closed are skipped,
 * since the broker has already requeued them. A lost channel is replaced on the next receive, with
 * every topic consumed again.
 *
 * <p>A consumer the broker cancels (its queue was deleted, or the queue's node went down) is consumed
 * again on the next receive too, declaring a group's queue again: the group then receives what is
 * published from that moment. What the deleted queue held was deleted with it by the broker. Until
 * then {@link #cancelledTopics()} names the topic, and the backend's health is down.
 *
 * <p>Used by one thread at a time; the client library's threads only add to the buffer, never waiting,
 * since they may be the connection's I/O thread (see {@link CallingThreadExecutor}).
 */
final class Member implements Receiver<Member.Inbound> {

    private static final System.Logger LOG = System.getLogger(Member.class.getName());

    /** What one delivery left in the buffer: the channel it came on, its tag and the message. */
    record Inbound(Channel channel, long tag, Message message) {
    }

    /** Wakes a waiting receiver when the channel closes or the backend shuts down. */
    private static final Inbound WAKE = new Inbound(null, -1, null);

    private final RabbitBackend backend;
    private final String group;
    private final boolean ackOnHandOut;
    /** Each subscribed topic and the queue consumed for it (server-named for a private subscriber). */
    private final Map<String, String> queues = new LinkedHashMap<>();
    private final LinkedBlockingQueue<Inbound> buffer = new LinkedBlockingQueue<>();
    /**
     * Topics whose consumer the broker cancelled, with the channel it was on; filled by the client
     * library's thread, emptied by the receiving thread when it consumes them again.
     */
    private final Map<String, Channel> cancelled = new ConcurrentHashMap<>();
    private volatile OwnedChannel current;
    private volatile boolean closed;

    /**
     * @param group the group, or null for a private group of one
     * @param ackOnHandOut whether a delivery is acknowledged as it is handed out (a plain subscriber)
     */
    Member(RabbitBackend backend, String group, boolean ackOnHandOut) {
        this.backend = backend;
        this.group = group;
        this.ackOnHandOut = ackOnHandOut;
    }

    @Override
    public void subscribe(String topic) {
        ensureOpen();
        backend.ensureOpen("subscribe to '" + topic + "'");
        if (queues.containsKey(topic)) {
            return;
        }
        queues.put(topic, consume(usableChannel(), topic));
    }

    /**
     * Hands out the next delivery of the current channel.
     *
     * @param timeout how long to wait, or null to wait without limit
     * @return the delivery, or null on timeout
     * @throws BackendUnavailableException if the channel was lost and cannot be opened again now
     */
    @Override
    public Inbound next(Duration timeout) throws InterruptedException {
        ensureOpen();
        Deadline deadline = Deadline.after(timeout);
        while (true) {
            ensureOpen();
            if (backend.isClosed()) {
                throw backend.closedError("receive for " + groupName() + " (its unacknowledged deliveries went back"
                        + " to the broker)");
            }
            OwnedChannel channel = usableChannel();
            consumeCancelled(channel);
            Inbound inbound = deadline.take(buffer);
            if (inbound == null) {
                return null;
            }
            if (inbound == WAKE || inbound.channel() != channel.channel || !channel.isOpen()) {
                continue;
            }
            if (Expiry.hasExpired(inbound.message(), System.currentTimeMillis())) {
                // Rejected as the broker rejects a message that expires in the queue: a group's goes to its
                // rejected queue, a private subscriber's is dropped.
                settle(inbound, false, false);
                backend.expired();
                continue;
            }
            if (ackOnHandOut && !settle(inbound, true, false)) {
                continue;
            }
            return inbound;
        }
    }

    /**
     * Acknowledges or rejects a delivery on the channel it came on.
     *
     * @return false if that channel is closed: the broker has then requeued the delivery itself
     */
    boolean settle(Inbound inbound, boolean ack, boolean requeue) {
        Channel channel = inbound.channel();
        if (!channel.isOpen()) {
            return false;
        }
        try {
            if (ack) {
                channel.basicAck(inbound.tag(), false);
            } else {
                channel.basicNack(inbound.tag(), false, requeue);
            }
            return true;
        } catch (IOException | ShutdownSignalException e) {
            return false;
        }
    }

    private OwnedChannel usableChannel() {
        OwnedChannel channel = current;
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        return reopen(channel);
    }

    private OwnedChannel reopen(OwnedChannel lost) {
        if (lost != null) {
            lost.close();
        }
        OwnedChannel fresh = OwnedChannel.open(backend.connectionFactory(), backend.server());
        try {
            fresh.channel.basicQos(backend.settings().prefetch());
            fresh.channel.addShutdownListener(cause -> buffer.offer(WAKE));
            cancelled.clear(); // every topic is consumed again below
            for (Map.Entry<String, String> subscription : queues.entrySet()) {
                subscription.setValue(consume(fresh, subscription.getKey()));
            }
        } catch (IOException | RuntimeException e) {
            fresh.close();
            throw new BackendUnavailableException("Cannot consume from RabbitMQ at " + backend.server() + " for "
                    + groupName() + ": " + Failures.rootMessage(e) + ". Receive again to retry", e);
        }
        current = fresh;
        if (lost != null) {
            LOG.log(Level.INFO, "Subscribed again to " + queues.size() + " topic(s) for " + groupName()
                    + " after the channel to RabbitMQ was lost; its unacknowledged deliveries went back to the group");
        }
        if (closed) {
            // close() ran on another thread (the backend shutting down) while this was reopening.
            fresh.close();
        }
        return fresh;
    }

    /** @return the queue now consumed for the topic */
    private String consume(OwnedChannel owned, String topic) {
        Channel channel = owned.channel;
        try {
            String queue = group == null ? backend.topology().declarePrivate(channel, topic)
                    : backend.topology().declareGroup(topic, group);
            channel.basicConsume(queue, false, "", false, false, null,
                    (tag, delivery) -> buffer.add(new Inbound(channel, delivery.getEnvelope().getDeliveryTag(),
                            MessageCodec.message(delivery.getProperties(), delivery.getBody()))),
                    tag -> cancelled(channel, topic),
                    (tag, signal) -> { });
            return queue;
        } catch (IOException | ShutdownSignalException e) {
            String hint = "";
            if (group != null && Failures.rootMessage(e).contains("NOT_FOUND")) {
                // Deleted outside this backend after it declared it: declare it again next time.
                backend.topology().forgetGroup(topic, group);
                hint = ". It was deleted after this backend declared it; subscribing again declares it again";
            }
            throw new BackendUnavailableException("Cannot subscribe " + groupName() + " to topic '" + topic
                    + "' on RabbitMQ at " + backend.server() + ": " + Failures.rootMessage(e) + hint, e);
        }
    }

    /** Runs on the client library's thread, which must not wait: the next receive consumes again. */
    private void cancelled(Channel channel, String topic) {
        cancelled.put(topic, channel);
        LOG.log(Level.WARNING, "RabbitMQ cancelled the consumer of " + groupName() + " on topic '" + topic
                + "' (its queue was deleted, or its node went down); it consumes again on its next receive");
        buffer.offer(WAKE);
    }

    /**
     * Consumes again the topics whose consumer the broker cancelled on this channel, declaring a group's
     * queue again if it was deleted.
     *
     * @throws BackendUnavailableException if that fails now; the next receive tries again
     */
    private void consumeCancelled(OwnedChannel channel) {
        if (cancelled.isEmpty()) {
            return;
        }
        for (Map.Entry<String, Channel> entry : List.copyOf(cancelled.entrySet())) {
            String topic = entry.getKey();
            // Removed first, so that a cancel of the new consumer arriving meanwhile is not lost.
            if (!cancelled.remove(topic, entry.getValue()) || entry.getValue() != channel.channel) {
                continue; // from a channel since replaced, on which every topic was consumed again
            }
            if (group != null) {
                backend.topology().forgetGroup(topic, group);
            }
            try {
                queues.put(topic, consume(channel, topic));
            } catch (RuntimeException e) {
                cancelled.putIfAbsent(topic, channel.channel);
                throw e;
            }
            LOG.log(Level.INFO, "Consuming topic '" + topic + "' again for " + groupName() + " after RabbitMQ "
                    + "cancelled its consumer; what its deleted queue held, if it was deleted, was deleted with it");
        }
    }

    /** @return the subscribed topics whose consumer the broker cancelled and that are not consumed again yet */
    List<String> cancelledTopics() {
        OwnedChannel channel = current;
        List<String> topics = new ArrayList<>();
        cancelled.forEach((topic, on) -> {
            if (channel != null && on == channel.channel && on.isOpen()) {
                topics.add(topic);
            }
        });
        return topics;
    }

    /** @return the queue consumed for a subscribed topic */
    String queueOf(String topic) {
        return queues.get(topic);
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Closes the channel: the broker requeues every delivery not yet acknowledged, handed out or still
     * buffered. May be called from another thread when the backend shuts down.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        backend.forget(this);
        OwnedChannel channel = current;
        current = null;
        if (channel != null) {
            channel.close();
        }
        buffer.clear();
        buffer.offer(WAKE);
    }

    String groupName() {
        return group == null ? "a private subscriber" : "group '" + group + "'";
    }

    private void ensureOpen() {
        if (closed) {
            if (backend.isClosed()) {
                throw backend.closedError("use a subscriber");
            }
            throw new IllegalStateException("This subscriber is closed; create a new one");
        }
    }

}

package io.kincir.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Return;
import com.rabbitmq.client.ShutdownSignalException;
import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.PublishException;
import io.kincir.Publisher;
import io.kincir.spi.Failures;
import io.kincir.spi.MetadataLimits;
import io.kincir.spi.Names;
import io.kincir.spi.OptionalKeys;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeoutException;

/**
 * Publishes with publisher confirms and mandatory returns. A batch goes out on one channel in confirm
 * mode and is confirmed with one wait: the broker's acks come back while the messages stream out, so
 * a batch costs one round trip, not one per message. Channels are pooled, one per concurrent publish.
 */
final class RabbitPublisher implements Publisher {

    private static final int MAX_IDLE_CHANNELS = 16;
    /** RabbitMQ refuses an expiration above 2^32 - 1 milliseconds. */
    private static final Duration MAX_EXPIRATION = Duration.ofMillis(0xFFFF_FFFFL);

    private final RabbitBackend backend;
    private final ConcurrentLinkedDeque<ConfirmChannel> idle = new ConcurrentLinkedDeque<>();

    RabbitPublisher(RabbitBackend backend) {
        this.backend = backend;
    }

    /**
     * @throws PublishException naming the topic, if the broker nacked, returned or did not confirm a
     *     message in time, or the channel failed
     * @throws PublishException naming the message, before anything is sent, if AMQP cannot carry one: an
     *     id, metadata key or content type over 255 bytes, or metadata over the negotiated frame size
     * @throws IllegalArgumentException if a {@code _delay} or {@code _ttl} is not an ISO-8601 duration, or a
     *     {@code _priority} not an integer from 0 to 9 (nothing is sent)
     * @throws io.kincir.UnsupportedFeatureException if a message has {@code _priority} and
     *     {@link RabbitSettings#maxPriority()} is 0 (nothing is sent)
     * @throws io.kincir.BrokerShutdownException if the backend is closed, or closed while the batch was
     *     sent (its cause then says what the broker had confirmed)
     */
    @Override
    public void publish(String topic, List<Message> messages) {
        Names.requireTopic(topic);
        Objects.requireNonNull(messages, "messages");
        backend.ensureOpen("publish to '" + topic + "'");
        int count = messages.size();
        if (count == 0) {
            return;
        }
        OptionalKeys.require("RabbitMQ", backend.features(), topic, messages);
        RabbitSettings settings = backend.settings();
        long[] delays = new long[count];
        AMQP.BasicProperties[] properties = new AMQP.BasicProperties[count];
        for (int i = 0; i < count; i++) {
            Message message = Objects.requireNonNull(messages.get(i), "message");
            MetadataLimits.require(topic, message, i, count);
            delays[i] = delayMillis(message);
            Duration ttl = message.metadata().isEmpty() ? Duration.ZERO
                    : MetadataKeys.duration(message, MetadataKeys.TTL).orElse(Duration.ZERO);
            if (!ttl.isZero()) {
                // Lets a receiver skip the message once its TTL passed where the broker no longer expires it:
                // after its delay (dead-lettering clears the expiration), or in the subscriber's buffer.
                message = message.withMetadata(MetadataKeys.PUBLISHED_AT, Long.toString(System.currentTimeMillis()));
            }
            long expiration = delays[i] > 0 ? delays[i] : expirationMillis(ttl);
            properties[i] = MessageCodec.properties(message, settings.persistent(), expiration);
        }
        ConfirmChannel confirming = acquire();
        String[] delayQueues = new String[count];
        try {
            // Against the frame size this channel's connection negotiated, before anything is declared or sent.
            MessageLimits.check(topic, messages, properties, confirming.owned.channel.getConnection().getFrameMax());
            Topology topology = backend.topology();
            topology.declareTopic(topic);
            for (int i = 0; i < count; i++) {
                if (delays[i] > 0) {
                    delayQueues[i] = topology.declareDelay(topic, delays[i]);
                }
            }
        } catch (RuntimeException e) {
            // Nothing went out on the channel: it is as good as before.
            release(confirming);
            throw e;
        }
        try {
            send(confirming, topic, messages, properties, delayQueues, settings);
        } catch (PublishException e) {
            throw backend.explain(e, "publish to '" + topic + "'");
        }
    }

    private void send(ConfirmChannel confirming, String topic, List<Message> messages,
            AMQP.BasicProperties[] properties, String[] delayQueues, RabbitSettings settings) {
        int count = messages.size();
        boolean healthy = false;
        int sent = 0;
        try {
            confirming.returned.clear();
            for (int i = 0; i < count; i++) {
                byte[] body = messages.get(i).payload();
                if (delayQueues[i] == null) {
                    confirming.owned.channel.basicPublish(topic, "", settings.mandatory(), properties[i], body);
                } else {
                    // Always mandatory: a delay queue that vanished must not swallow the message.
                    confirming.owned.channel.basicPublish("", delayQueues[i], true, properties[i], body);
                }
                sent++;
            }
        } catch (IOException | ShutdownSignalException e) {
            confirming.owned.close();
            throw closed(topic, count, e);
        } catch (IllegalArgumentException e) {
            // The client refused to encode a message that MessageLimits let through. It had already counted
            // the message as awaiting a confirm that will never come, so the channel cannot be used again.
            confirming.owned.close();
            throw new PublishException(topic, "The RabbitMQ client refused to encode message "
                    + MessageLimits.quote(messages.get(sent).uuid()) + " (" + (sent + 1) + " of " + count
                    + ") published to topic '" + topic + "': " + e.getMessage() + ". The " + sent + " before it may "
                    + "have been delivered; shorten its id or metadata and publish again", e);
        }
        try {
            confirming.owned.channel.waitForConfirmsOrDie(settings.confirmTimeout().toMillis());
            healthy = true;
            if (!confirming.returned.isEmpty()) {
                throw returned(topic, count, List.copyOf(confirming.returned));
            }
        } catch (IOException e) {
            // Only a nack makes waitForConfirmsOrDie throw IOException (it closes the channel first).
            throw new PublishException(topic, "RabbitMQ at " + backend.server() + " refused (nack) messages of a batch of "
                    + count + " published to topic '" + topic + "': " + Failures.rootMessage(e) + ". Some of the batch "
                    + "may have been delivered; publish it again (receivers can tell duplicates by uuid)", e);
        } catch (TimeoutException e) {
            throw new PublishException(topic, "RabbitMQ at " + backend.server() + " did not confirm a batch of " + count
                    + " messages published to topic '" + topic + "' within kincir.rabbitmq.confirm-timeout="
                    + settings.confirmTimeout() + ". Some may have been delivered; check the broker (a memory or disk "
                    + "alarm blocks publishers) and publish again, or raise the timeout", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException(topic, "Interrupted while waiting for RabbitMQ to confirm a batch of " + count
                    + " messages published to topic '" + topic + "'; some may have been delivered", e);
        } catch (ShutdownSignalException e) {
            throw closed(topic, count, e);
        } finally {
            if (healthy) {
                release(confirming);
            } else {
                confirming.owned.close();
            }
        }
    }

    private PublishException returned(String topic, int count, List<Return> returns) {
        Return first = returns.get(0);
        if (!first.getExchange().isEmpty()) {
            return new PublishException(topic, "RabbitMQ returned " + returns.size() + " of " + count
                    + " messages published to topic '" + topic + "' (" + first.getReplyCode() + " "
                    + first.getReplyText() + "): no subscriber group is bound to the topic yet, so nothing would "
                    + "receive them and they were not kept. Subscribe a group first (groups are durable and keep what "
                    + "is published while they have no member), or set kincir.rabbitmq.mandatory=false to let the "
                    + "broker drop messages nobody subscribed to, as the in-memory broker does", null);
        }
        backend.topology().forgetDelayQueue(first.getRoutingKey());
        return new PublishException(topic, "RabbitMQ returned " + returns.size() + " of " + count
                + " delayed messages published to topic '" + topic + "' (" + first.getReplyCode() + " "
                + first.getReplyText() + "): delay queue '" + first.getRoutingKey() + "' was deleted after this backend "
                + "declared it. They were not kept; publish them again (the queue is then declared again)", null);
    }

    private PublishException closed(String topic, int count, Exception e) {
        Object reason = e instanceof ShutdownSignalException signal ? signal.getReason() : null;
        if (reason instanceof AMQP.Channel.Close close && close.getReplyCode() == AMQP.NOT_FOUND) {
            backend.topology().forgetTopic(topic);
            return new PublishException(topic, "Publishing to topic '" + topic + "' failed: RabbitMQ at "
                    + backend.server() + " has no exchange '" + topic + "' (" + close.getReplyText() + "). It was "
                    + "deleted after this backend declared it, and none of the batch of " + count + " was delivered to "
                    + "the topic. The next publish declares the exchange again; its groups must subscribe again", e);
        }
        return new PublishException(topic, "Publishing a batch of " + count + " messages to topic '" + topic
                + "' failed: the channel to RabbitMQ at " + backend.server() + " closed (" + Failures.rootMessage(e)
                + "). Some may have been delivered; publish again (receivers can tell duplicates by uuid)", e);
    }

    /**
     * @return a {@code _ttl} in milliseconds as the message's expiration, at least 1; 0 for none, or for
     *     one longer than RabbitMQ's longest expiration (receivers still skip the message once it is past)
     */
    private static long expirationMillis(Duration ttl) {
        if (ttl.isZero() || ttl.compareTo(MAX_EXPIRATION) > 0) {
            return 0;
        }
        return Math.max(1, ttl.toMillis());
    }

    private static long delayMillis(Message message) {
        if (message.metadata().isEmpty()) {
            return 0;
        }
        Duration delay = MetadataKeys.duration(message, MetadataKeys.DELAY).orElse(Duration.ZERO);
        if (delay.isZero()) {
            return 0;
        }
        try {
            // Rounded up: a delay is a lower bound.
            long millis = delay.toMillis();
            return delay.equals(Duration.ofMillis(millis)) ? millis : Math.addExact(millis, 1);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("Metadata " + MetadataKeys.DELAY + "='" + message.metadata().get(
                    MetadataKeys.DELAY) + "' of message " + message.uuid() + " is too long; nothing of the batch was "
                    + "published", e);
        }
    }

    private ConfirmChannel acquire() {
        ConfirmChannel channel;
        while ((channel = idle.pollFirst()) != null) {
            if (channel.owned.isOpen()) {
                return channel;
            }
            channel.owned.close();
        }
        return ConfirmChannel.open(backend);
    }

    private void release(ConfirmChannel channel) {
        if (backend.isClosed() || idle.size() >= MAX_IDLE_CHANNELS) {
            channel.owned.close();
            return;
        }
        idle.addFirst(channel);
        if (backend.isClosed() && idle.remove(channel)) {
            channel.owned.close();
        }
    }

    /** Closes the idle channels; publishes in flight close theirs when they finish. */
    void close() {
        ConfirmChannel channel;
        while ((channel = idle.pollFirst()) != null) {
            channel.owned.close();
        }
    }

    /** A channel in confirm mode that records what the broker returned during the current batch. */
    private static final class ConfirmChannel {

        final OwnedChannel owned;
        final List<Return> returned = Collections.synchronizedList(new ArrayList<>());

        private ConfirmChannel(OwnedChannel owned) {
            this.owned = owned;
        }

        static ConfirmChannel open(RabbitBackend backend) {
            OwnedChannel owned = OwnedChannel.open(backend.publisherConnectionFactory(), backend.server());
            ConfirmChannel confirming = new ConfirmChannel(owned);
            try {
                owned.channel.confirmSelect();
            } catch (IOException | ShutdownSignalException e) {
                owned.close();
                throw new io.kincir.BackendUnavailableException("RabbitMQ at " + backend.server()
                        + " refused publisher confirms on a new channel: " + Failures.rootMessage(e), e);
            }
            // The broker sends basic.return before the ack of the same message, on the connection's one
            // reader thread, so a batch's returns are recorded before its confirms complete.
            owned.channel.addReturnListener(confirming.returned::add);
            return confirming;
        }
    }
}

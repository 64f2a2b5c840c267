package io.kincir.spi;

import io.kincir.Features;
import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.UnsupportedFeatureException;
import java.util.List;
import java.util.Map;

/**
 * The settable metadata keys that ask a backend for an optional behaviour — {@code _ttl},
 * {@code _delay}, {@code _priority} — checked by each publisher against its {@link Features} before
 * anything of a batch is sent. A backend that lacks the behaviour refuses the message rather than
 * deliver it as if the key were not there: early instead of delayed, stale instead of expired, or in
 * another order than asked, with nothing to tell the application.
 */
public final class OptionalKeys {

    private static final String ALL = "in-memory, RabbitMQ, NATS and Redis";

    private OptionalKeys() {
    }

    /**
     * @param backend the backend's name as users know it, such as {@code Kafka}
     * @param features what the backend declares
     * @param topic the topic the batch is published to
     * @param messages the batch
     * @throws UnsupportedFeatureException naming the key and the backends that honour it, if a message
     *     carries a key the backend does not declare
     */
    public static void require(String backend, Features features, String topic, List<Message> messages) {
        if (features.ttl() && features.delay() && features.priority()) {
            return;
        }
        for (Message message : messages) {
            if (message != null && !message.metadata().isEmpty()) {
                require(backend, features, topic, message);
            }
        }
    }

    private static void require(String backend, Features features, String topic, Message message) {
        Map<String, String> metadata = message.metadata();
        if (!features.ttl() && metadata.containsKey(MetadataKeys.TTL)) {
            throw refused(backend, topic, message, MetadataKeys.TTL, "expire", "in-memory, Kafka, RabbitMQ, NATS and Redis");
        }
        if (!features.delay() && metadata.containsKey(MetadataKeys.DELAY)) {
            throw refused(backend, topic, message, MetadataKeys.DELAY, "wait before it is delivered", ALL);
        }
        if (!features.priority() && metadata.containsKey(MetadataKeys.PRIORITY)) {
            throw refused(backend, topic, message, MetadataKeys.PRIORITY, "overtake waiting messages",
                    "in-memory and RabbitMQ (with kincir.rabbitmq.max-priority above 0)");
        }
    }

    private static UnsupportedFeatureException refused(String backend, String topic, Message message, String key,
            String asked, String honouredBy) {
        return new UnsupportedFeatureException(key, "Message " + message.uuid() + " published to topic '" + topic
                + "' carries " + key + "='" + message.metadata().get(key) + "', asking to " + asked + ", which the "
                + backend + " backend cannot do; nothing of the batch was published. Remove " + key
                + " from the message, or use a backend that honours it: " + honouredBy);
    }
}

package io.kincir.spi;

import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.PublishException;
import java.util.Locale;
import java.util.Map;

/**
 * How much metadata one message may carry on every backend, checked by each publisher before anything
 * of a batch is sent, so that a message one backend accepts is accepted by all of them:
 * <ul>
 * <li>at most {@value #MAX_ENTRIES} entries;</li>
 * <li>keys of at most {@value #MAX_KEY_BYTES} bytes of UTF-8: RabbitMQ's header names are AMQP short
 * strings;</li>
 * <li>at most {@value #MAX_BYTES} bytes of UTF-8 in keys and values together.</li>
 * </ul>
 * The tightest broker sets them: NATS JetStream refuses a message whose headers exceed 64 KiB, and
 * Kincir's NATS backend writes an entry that is not plain ASCII as a header line of its own with key
 * and value in base64 (a third more, and about 20 bytes a line); the limits leave room in it for the
 * backend's own headers and for what a dead letter adds. RabbitMQ fits them easily into one frame of
 * 128 KiB, Kafka into its 1 MiB record, and Redis's scripts, which unpack a message's fields to move it
 * between streams (Lua takes about 8,000 values at most), need far fewer entries.
 *
 * <p>Entries whose key starts with {@code _} count towards neither total: that prefix is Kincir's,
 * which bounds what it writes there ({@code _error} at about 1,000 characters, numbers, durations, a
 * topic name), and adds such entries to a message on its way, {@code _sequence} or
 * {@code _published_at} on receipt, {@code _error}, {@code _original_topic} and {@code _attempt} on a
 * dead letter: a message accepted once must be accepted again as a dead letter.
 *
 * <p>Nor does a {@code traceparent} of at most {@value #TRACEPARENT_BYTES} bytes, the size of W3C trace
 * context's version {@code 00}: tracing adds it to what an application publishes, and to the dead letter
 * of a message that came without one, so a message at the limits must stay publishable with it. A longer
 * one counts like any other entry.
 */
public final class MetadataLimits {

    /** The most metadata entries of a message. */
    public static final int MAX_ENTRIES = 256;

    /** The longest metadata key, in bytes of UTF-8. */
    public static final int MAX_KEY_BYTES = 255;

    /** The most bytes of UTF-8 in a message's metadata keys and values together. */
    public static final int MAX_BYTES = 32 * 1024;

    /** The length of a W3C {@code traceparent} of version {@code 00}: {@code 00-<32 hex>-<16 hex>-<2 hex>}. */
    static final int TRACEPARENT_BYTES = 55;

    private static final String KINCIR_PREFIX = "_";

    private MetadataLimits() {
    }

    /**
     * @param topic the topic the batch is published to
     * @param message a message of the batch
     * @param index its place in the batch, from 0
     * @param batchSize how many messages the batch has
     * @throws PublishException if its metadata is over a limit; the message names the message, the limit
     *     and what to do, and says that nothing of the batch was published
     */
    public static void require(String topic, Message message, int index, int batchSize) {
        Map<String, String> metadata = message.metadata();
        if (metadata.isEmpty()) {
            return;
        }
        String refusal = refusal(metadata);
        if (refusal != null) {
            throw new PublishException(topic, "Message " + message.uuid() + " (" + (index + 1) + " of " + batchSize
                    + ") cannot be published to topic '" + topic + "': " + refusal + ". None of the batch of "
                    + batchSize + " was published", null);
        }
    }

    private static String refusal(Map<String, String> metadata) {
        int entries = 0;
        long bytes = 0;
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            int keyBytes = Utf8.length(entry.getKey());
            if (keyBytes > MAX_KEY_BYTES) {
                return "its metadata key " + shortened(entry.getKey()) + " is " + keyBytes + " bytes, and "
                        + "keys are at most " + MAX_KEY_BYTES + " bytes of UTF-8 on every backend (RabbitMQ's header "
                        + "names). Use a shorter key";
            }
            if (counts(entry.getKey(), entry.getValue())) {
                entries++;
                bytes += keyBytes + Utf8.length(entry.getValue());
            }
        }
        if (entries > MAX_ENTRIES) {
            return "it has " + format(entries) + " metadata entries, and a message carries at most "
                    + format(MAX_ENTRIES) + " on every backend. Put the data in the payload";
        }
        if (bytes > MAX_BYTES) {
            return "its metadata takes " + format(bytes) + " bytes, and a message carries at most " + format(MAX_BYTES)
                    + " bytes of metadata (keys and values in UTF-8) on every backend: NATS JetStream takes at most "
                    + "64 KiB of headers, RabbitMQ one frame. Put large data in the payload";
        }
        return null;
    }

    private static boolean counts(String key, String value) {
        if (key.startsWith(KINCIR_PREFIX)) {
            return false;
        }
        return !key.equals(MetadataKeys.TRACEPARENT) || Utf8.length(value) > TRACEPARENT_BYTES;
    }

    /** @return the start of a long key, in quotes, never ending in half a surrogate pair */
    private static String shortened(String key) {
        int end = Character.isHighSurrogate(key.charAt(39)) ? 39 : 40;
        return "'" + key.substring(0, end) + "…'";
    }

    private static String format(long number) {
        return String.format(Locale.ROOT, "%,d", number);
    }
}

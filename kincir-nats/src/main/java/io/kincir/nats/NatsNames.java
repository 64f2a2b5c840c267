package io.kincir.nats;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The JetStream names behind topics and groups. Stream and consumer names may not hold {@code .},
 * {@code *}, {@code >}, whitespace or path separators (a stream is a directory named after it), and a
 * subject token may not hold the first four either, so names are encoded, reversibly:
 *
 * <p>every character other than {@code A–Z}, {@code a–z}, {@code 0–9} and {@code -} becomes {@code _}
 * followed by the two upper-case hex digits of each of its UTF-8 bytes. Topic {@code orders} is stream
 * {@code kincir-orders} with subject {@code kincir.orders}; topic {@code orders.dlq} is stream
 * {@code kincir-orders_2Edlq} with subject {@code kincir.orders_2Edlq}; group {@code billing} is the
 * durable consumer {@code billing}. The names {@link io.kincir.spi.Names} allows hold no byte other than
 * {@code .} and {@code _} that needs encoding, so a stream name is at most 7 + 3 × 64 = 199 characters,
 * within the 200 that keep it a short enough directory name on the server.
 */
final class NatsNames {

    private static final String STREAM_PREFIX = "kincir-";
    private static final String SUBJECT_PREFIX = "kincir.";
    /** Never the start of an encoded name: after {@code _} an encoding has a hex digit, never {@code p}. */
    private static final String PRIVATE_PREFIX = "_private-";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private NatsNames() {
    }

    /** @return the stream that holds the topic's messages */
    static String stream(String topic) {
        return STREAM_PREFIX + encode(topic);
    }

    /** @return the subject the topic's messages are published to */
    static String subject(String topic) {
        return SUBJECT_PREFIX + encode(topic);
    }

    /** @return the subject filter every topic's subject matches: encoded, a topic is one token */
    static String anySubject() {
        return SUBJECT_PREFIX + "*";
    }

    /** @return the durable consumer of the group */
    static String consumer(String group) {
        return encode(group);
    }

    /** @return a consumer name for a private subscriber, never the name of a group's consumer */
    static String privateConsumer() {
        return PRIVATE_PREFIX + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    /** @return the topic of a stream this backend names, or null for any other stream */
    static String topicOf(String stream) {
        return stream.startsWith(STREAM_PREFIX) ? decode(stream.substring(STREAM_PREFIX.length())) : null;
    }

    static String encode(String name) {
        StringBuilder encoded = new StringBuilder(name.length());
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
                encoded.append(c);
            } else {
                encoded.append('_').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return encoded.toString();
    }

    static String decode(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '_') {
                if (i + 2 >= encoded.length()) {
                    throw new IllegalArgumentException("'" + encoded + "' is not an encoded name: '_' at " + i
                            + " is not followed by two hex digits");
                }
                bytes.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

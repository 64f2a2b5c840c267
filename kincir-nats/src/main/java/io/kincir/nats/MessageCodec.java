package io.kincir.nats;

import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.spi.ForeignMetadata;
import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps a {@link Message} to NATS headers and back, so that every message round-trips exactly.
 *
 * <p>NATS headers are ASCII lines: keys of printable characters without {@code :}, values without
 * control characters, and a reader may trim a value's surrounding spaces. So:
 * <ul>
 * <li>the uuid travels in header {@value #UUID};</li>
 * <li>an entry whose key is printable ASCII without {@code :} (and does not start with {@code Nats-},
 * which the server interprets, or {@code Kincir-}) travels as a header of that name;</li>
 * <li>any other entry travels as a value of header {@value #ESCAPED}:
 * {@code base64url(key) "." base64url(value)};</li>
 * <li>a value (or uuid) that is not plain text — empty, not printable ASCII, with a leading or trailing
 * space, or starting with {@code =} — travels as {@code "=" base64url(UTF-8 bytes)}.</li>
 * </ul>
 */
final class MessageCodec {

    static final String UUID = "Kincir-Uuid";
    static final String ESCAPED = "Kincir-Metadata";
    /** JetStream's deduplication header. */
    static final String MSG_ID = "Nats-Msg-Id";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private MessageCodec() {
    }

    /**
     * @param stream the topic's stream, which names the topic in the deduplication id
     * @return the headers of the message, with a deduplication id from topic, uuid and replay count, so
     *     that the same message published to another topic (a dead letter), or replayed from its dead
     *     letters to its topic, and dead-lettered again, is never taken for a duplicate
     */
    static Headers headers(Message message, String stream) {
        Headers headers = new Headers();
        String uuid = text(message.uuid());
        headers.put(UUID, uuid);
        headers.put(MSG_ID, stream + ":" + uuid + message.metadata(MetadataKeys.REPLAYED).map(n -> ":replay-" + n)
                .orElse(""));
        for (Map.Entry<String, String> entry : message.metadata().entrySet()) {
            String key = entry.getKey();
            if (isPlainKey(key)) {
                headers.put(key, text(entry.getValue()));
            } else {
                headers.add(ESCAPED, base64(key) + "." + base64(entry.getValue()));
            }
        }
        return headers;
    }

    /**
     * Rebuilds the message. A message without {@value #UUID}, published by another NATS client, is read
     * as {@link ForeignMetadata} does: the first value of each header other than {@code Nats-*} as it
     * is, conventional names such as {@code Content-Type} as Kincir's keys; its uuid is its
     * {@value #MSG_ID}, else a {@code message-id} header, else its position in the stream.
     *
     * @param position the message's place in its stream, {@code <stream>@<stream sequence>}, stable
     *     across redeliveries
     */
    static Message message(Headers headers, byte[] payload, String position) {
        if (headers == null || headers.isEmpty()) {
            return Message.of(position, payload, Map.of());
        }
        String uuid = headers.getFirst(UUID);
        if (uuid == null) {
            ForeignMetadata foreign = new ForeignMetadata();
            headers.entrySet().forEach(header -> {
                if (!header.getValue().isEmpty() && !header.getKey().toLowerCase(Locale.ROOT).startsWith("nats-")) {
                    foreign.header(header.getKey(), header.getValue().get(0));
                }
            });
            return Message.of(ForeignMetadata.uuid(headers.getFirst(MSG_ID), foreign.messageId(), position), payload,
                    foreign.metadata());
        }
        Map<String, String> metadata = new HashMap<>();
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            String key = header.getKey();
            List<String> values = header.getValue();
            if (values.isEmpty()) {
                continue;
            }
            if (key.equals(ESCAPED)) {
                for (String value : values) {
                    escaped(value, metadata);
                }
            } else if (!isReserved(key)) {
                metadata.put(key, fromText(values.get(0)));
            }
        }
        return Message.of(ForeignMetadata.uuid(fromText(uuid), position), payload, metadata);
    }

    /** Reads one {@value #ESCAPED} value; one Kincir did not write is kept as it is, under that name. */
    private static void escaped(String value, Map<String, String> metadata) {
        int dot = value.indexOf('.');
        try {
            if (dot >= 0) {
                metadata.put(fromBase64(value.substring(0, dot)), fromBase64(value.substring(dot + 1)));
                return;
            }
        } catch (IllegalArgumentException e) {
            // not base64: kept below
        }
        metadata.put(ESCAPED, value);
    }

    /** @return the message with its per-topic position, the stream sequence, as {@code _sequence} */
    static Message numbered(Message message, long streamSequence) {
        return message.withMetadata(MetadataKeys.SEQUENCE, Long.toString(streamSequence));
    }

    private static boolean isPlainKey(String key) {
        if (key.isEmpty() || isReserved(key)) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < '!' || c > '~' || c == ':') {
                return false;
            }
        }
        return true;
    }

    private static boolean isReserved(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.startsWith("nats-") || lower.startsWith("kincir-");
    }

    static String text(String value) {
        return isPlainText(value) ? value : "=" + base64(value);
    }

    /** @return the text a header value carries; a foreign value that only looks encoded stays as it is */
    static String fromText(String value) {
        if (!value.startsWith("=")) {
            return value;
        }
        try {
            return fromBase64(value.substring(1));
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    private static boolean isPlainText(String value) {
        if (value.isEmpty() || value.charAt(0) == '=' || value.charAt(0) == ' '
                || value.charAt(value.length() - 1) == ' ') {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }

    private static String base64(String value) {
        return ENCODER.encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String fromBase64(String value) {
        return new String(DECODER.decode(value), StandardCharsets.UTF_8);
    }
}

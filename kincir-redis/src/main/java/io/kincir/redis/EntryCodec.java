package io.kincir.redis;

import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.spi.ForeignMetadata;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message as the fields of a stream entry, all binary-safe: {@code uuid}, {@code payload},
 * {@code published_at} (epoch milliseconds, from the publisher's clock) and each metadata entry as
 * {@code m:<key>}. Other fields, which only another client writes, are read as metadata under their own
 * names.
 */
final class EntryCodec {

    static final byte[] UUID = Keys.bytes("uuid");
    static final byte[] PAYLOAD = Keys.bytes("payload");
    static final byte[] PUBLISHED_AT = Keys.bytes("published_at");
    private static final String METADATA = "m:";
    private static final byte[] METADATA_BYTES = Keys.bytes(METADATA);

    private EntryCodec() {
    }

    /** @return the entry's fields in the order written: field, value, field, value… */
    static byte[][] fields(Message message, long publishedAt) {
        Map<String, String> metadata = message.metadata();
        byte[][] fields = new byte[6 + 2 * metadata.size()][];
        int i = 0;
        fields[i++] = UUID;
        fields[i++] = Keys.bytes(message.uuid());
        fields[i++] = PAYLOAD;
        fields[i++] = message.payload();
        fields[i++] = PUBLISHED_AT;
        fields[i++] = Keys.bytes(Long.toString(publishedAt));
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            fields[i++] = Keys.bytes(METADATA + entry.getKey());
            fields[i++] = Keys.bytes(entry.getValue());
        }
        return fields;
    }

    /**
     * @param body the entry's fields
     * @param topic the topic whose stream (or requeue stream) it was read from
     * @param id its entry id
     * @return the message of an entry's fields, with {@code _published_at} from its field. The other
     *     fields of an entry that another client added are read as {@link ForeignMetadata} does: each
     *     field a metadata entry, conventional names such as {@code content-type} as Kincir's keys. Such
     *     an entry without a {@code uuid} field gets its {@code message-id} field, else
     *     {@code <topic>@<entry id>} (a requeued copy keeps it), and without {@code published_at} the time
     *     of its entry id
     */
    static Message message(Map<byte[], byte[]> body, String topic, String id) {
        String uuid = null;
        byte[] payload = new byte[0];
        Map<String, String> metadata = new LinkedHashMap<>();
        ForeignMetadata foreign = null;
        for (Map.Entry<byte[], byte[]> field : body.entrySet()) {
            byte[] name = field.getKey();
            if (Arrays.equals(name, UUID)) {
                uuid = text(field.getValue());
            } else if (Arrays.equals(name, PAYLOAD)) {
                payload = field.getValue() == null ? new byte[0] : field.getValue();
            } else if (Arrays.equals(name, PUBLISHED_AT)) {
                metadata.put(MetadataKeys.PUBLISHED_AT, text(field.getValue()));
            } else if (startsWith(name, METADATA_BYTES)) {
                metadata.putIfAbsent(new String(name, METADATA_BYTES.length, name.length - METADATA_BYTES.length,
                        StandardCharsets.UTF_8), text(field.getValue()));
            } else {
                foreign = foreign == null ? new ForeignMetadata() : foreign;
                foreign.header(text(name), field.getValue());
            }
        }
        String messageId = null;
        if (foreign != null) {
            foreign.metadata().forEach(metadata::putIfAbsent);
            messageId = foreign.messageId();
        }
        int millisEnd = id.indexOf('-');
        if (millisEnd > 0) {
            metadata.putIfAbsent(MetadataKeys.PUBLISHED_AT, id.substring(0, millisEnd));
        }
        return Message.of(ForeignMetadata.uuid(uuid, messageId, topic + "@" + id), payload, metadata);
    }

    /** @return the fields of a flat list field, value, field, value… as a script returns them */
    static Map<byte[], byte[]> body(java.util.List<?> flat) {
        Map<byte[], byte[]> body = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            body.put((byte[]) flat.get(i), (byte[]) flat.get(i + 1));
        }
        return body;
    }

    private static boolean startsWith(byte[] name, byte[] prefix) {
        return name.length >= prefix.length && Arrays.equals(name, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static String text(byte[] value) {
        return value == null ? "" : new String(value, StandardCharsets.UTF_8);
    }
}

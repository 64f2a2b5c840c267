package io.kincir.kafka;

import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.spi.ForeignMetadata;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Maps a {@link Message} to a Kafka record and back: payload to value, metadata to headers, the
 * uuid to the {@value #UUID_HEADER} header, {@code partition_key} to the record key.
 */
final class RecordCodec {

    /** The header that carries a message's uuid. */
    static final String UUID_HEADER = "_uuid";

    private RecordCodec() {
    }

    /**
     * @param partition the partition, or null to let the producer's partitioner hash the key
     */
    /** @return a fetched record's size: key, value, and header keys and values */
    static int sizeOf(ConsumerRecord<byte[], byte[]> record) {
        long bytes = Math.max(0, record.serializedKeySize()) + (long) Math.max(0, record.serializedValueSize());
        for (Header header : record.headers()) {
            bytes += header.key().length() + (header.value() == null ? 0 : header.value().length);
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    static ProducerRecord<byte[], byte[]> toRecord(String topic, Integer partition, Message message) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(UUID_HEADER, utf8(message.uuid()));
        message.metadata().forEach((key, value) -> headers.add(key, utf8(value)));
        byte[] key = message.metadata(MetadataKeys.PARTITION_KEY).map(RecordCodec::utf8).orElse(null);
        return new ProducerRecord<>(topic, partition, key, message.payload(), headers);
    }

    /**
     * Rebuilds the message. A record that no Kincir publisher wrote has no uuid header: its headers are
     * read as {@link ForeignMetadata} does (conventional names such as {@code content-type} become
     * Kincir's keys), and its uuid is its {@code message-id} header or, without one,
     * {@code topic-partition@offset}, so that a redelivery carries the same uuid.
     */
    static Message toMessage(ConsumerRecord<byte[], byte[]> record) {
        Header kincirUuid = record.headers().lastHeader(UUID_HEADER);
        ForeignMetadata read = new ForeignMetadata();
        for (Header header : record.headers()) {
            if (kincirUuid == null) {
                read.header(header.key(), header.value());
            } else if (!UUID_HEADER.equals(header.key())) {
                read.verbatim(header.key(), header.value());
            }
        }
        String id = kincirUuid == null ? read.messageId() : ForeignMetadata.text(kincirUuid.value());
        String uuid = ForeignMetadata.uuid(id, record.topic() + "-" + record.partition() + "@" + record.offset());
        Map<String, String> metadata = read.metadata();
        if (record.timestamp() >= 0) {
            metadata.putIfAbsent(MetadataKeys.PUBLISHED_AT, Long.toString(record.timestamp()));
        }
        byte[] payload = record.value() == null ? new byte[0] : record.value();
        return Message.of(uuid, payload, metadata);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

package io.kincir.kafka;

import io.kincir.Backend;
import io.kincir.conformance.ForeignMessagesConformance;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka records from and to a plain {@code KafkaProducer} / {@code KafkaConsumer}: headers are bytes, so a
 * typed header travels as the text of its value, and the content type, message id and correlation id as
 * the {@code content-type}, {@code message-id} and {@code correlation-id} headers.
 */
class KafkaForeignMessagesTest extends ForeignMessagesConformance {

    @Override
    protected Backend createBackend() {
        return SharedKafkaBroker.backend().build();
    }

    @Override
    protected void publishForeign(String topic, ForeignMessage message) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", SharedKafkaBroker.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, message.payload());
            message.headers().forEach((key, value) -> record.headers().add(key, bytes(value)));
            add(record, "content-type", message.contentType());
            add(record, "message-id", message.messageId());
            add(record, "correlation-id", message.correlationId());
            producer.send(record).get();
        }
    }

    @Override
    protected ForeignReader readForeign(String topic) {
        KafkaConsumer<byte[], byte[]> consumer = KafkaRecordsTest.plainConsumer();
        consumer.assign(consumer.partitionsFor(topic).stream()
                .map(partition -> new TopicPartition(topic, partition.partition())).toList());
        consumer.seekToBeginning(consumer.assignment());
        Queue<ConsumerRecord<byte[], byte[]>> fetched = new ArrayDeque<>();
        return new ForeignReader() {
            @Override
            public Optional<Found> next(Duration timeout) {
                long deadline = System.nanoTime() + timeout.toNanos();
                while (fetched.isEmpty() && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(100)).forEach(fetched::add);
                }
                return Optional.ofNullable(fetched.poll()).map(KafkaForeignMessagesTest::asDocumented);
            }

            @Override
            public void close() {
                consumer.close();
            }
        };
    }

    /** As docs/kafka.md says: the value is the payload, header {@code _uuid} the uuid, other headers metadata. */
    private static Found asDocumented(ConsumerRecord<byte[], byte[]> record) {
        String uuid = null;
        Map<String, String> metadata = new HashMap<>();
        for (Header header : record.headers()) {
            String value = new String(header.value(), StandardCharsets.UTF_8);
            if (header.key().equals("_uuid")) {
                uuid = value;
            } else {
                metadata.put(header.key(), value);
            }
        }
        return new Found(record.value(), uuid, metadata);
    }

    private static void add(ProducerRecord<byte[], byte[]> record, String header, String value) {
        if (value != null) {
            record.headers().add(header, bytes(value));
        }
    }

    private static byte[] bytes(Object value) {
        return value instanceof byte[] bytes ? bytes : String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }
}

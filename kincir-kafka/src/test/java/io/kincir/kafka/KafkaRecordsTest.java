package io.kincir.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.Subscriber;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What Kincir writes to Kafka, read back with a plain Kafka consumer, and what it makes of plain records. */
class KafkaRecordsTest {

    private final KafkaBackend backend = SharedKafkaBroker.backend().build();

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void metadataBecomesHeadersAndTheUuidAHeader() {
        String topic = topic();
        Message sent = Message.of("body").withMetadata("customer", "Alice").withMetadata("unicode", "Grüße");

        backend.publisher().publish(topic, sent);

        ConsumerRecord<byte[], byte[]> record = readAll(topic, 1).get(0);
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("body");
        assertThat(headers(record)).containsEntry("_uuid", sent.uuid()).containsEntry("customer", "Alice")
                .containsEntry("unicode", "Grüße").hasSize(3);
        assertThat(record.key()).isNull();
    }

    @Test
    void thePartitionKeyBecomesTheRecordKeyAndKeepsAKeyOnOnePartition() {
        String topic = topic();
        List<Message> sent = IntStream.range(0, 20)
                .mapToObj(i -> Message.of("m" + i).withMetadata(MetadataKeys.PARTITION_KEY, "customer-7")).toList();

        backend.publisher().publish(topic, sent);

        List<ConsumerRecord<byte[], byte[]>> records = readAll(topic, 20);
        assertThat(records).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsOnly("customer-7");
        assertThat(records).extracting(ConsumerRecord::partition).containsOnly(records.get(0).partition());
        assertThat(records).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> "m" + i).toList());
    }

    @Test
    void messagesWithoutAKeyAreSpreadOverEveryPartition() {
        String topic = topic();

        backend.publisher().publish(topic, IntStream.range(0, 40).mapToObj(i -> Message.of("m" + i)).toList());

        assertThat(readAll(topic, 40)).extracting(ConsumerRecord::partition)
                .containsOnly(0, 1, 2, 3)
                .filteredOn(partition -> partition == 0).hasSize(10);
    }

    @Test
    void publishReturnsOnlyOnceTheWholeBatchIsInTheLog() {
        String topic = topic();

        backend.publisher().publish(topic, IntStream.range(0, 500).mapToObj(i -> Message.of("m" + i)).toList());

        try (KafkaConsumer<byte[], byte[]> consumer = plainConsumer()) {
            List<TopicPartition> partitions = IntStream.range(0, 4).mapToObj(p -> new TopicPartition(topic, p)).toList();
            long inLog = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
            assertThat(inLog).isEqualTo(500);
        }
    }

    @Test
    void aRecordFromAPlainProducerGetsItsPositionAsUuidAndItsHeadersAsMetadata() throws Exception {
        String topic = topic();
        try (Subscriber subscriber = backend.subscriber();
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                        Map.of("bootstrap.servers", SharedKafkaBroker.bootstrapServers()),
                        new ByteArraySerializer(), new ByteArraySerializer())) {
            subscriber.subscribe(topic);
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, 2, null, null, "plain".getBytes());
            record.headers().add("origin", "legacy".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();

            Message received = subscriber.receive(Duration.ofSeconds(15)).orElseThrow();

            assertThat(received.payloadAsString()).isEqualTo("plain");
            assertThat(received.uuid()).isEqualTo(topic + "-2@0");
            assertThat(received.metadata()).containsEntry("origin", "legacy").containsKey(MetadataKeys.PUBLISHED_AT);
        }
    }

    @Test
    void aTombstoneArrivesAsAnEmptyPayload() throws Exception {
        String topic = topic();
        try (Subscriber subscriber = backend.subscriber();
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                        Map.of("bootstrap.servers", SharedKafkaBroker.bootstrapServers()),
                        new ByteArraySerializer(), new ByteArraySerializer())) {
            subscriber.subscribe(topic);
            producer.send(new ProducerRecord<>(topic, 0, "k".getBytes(), null)).get();

            assertThat(subscriber.receive(Duration.ofSeconds(15)).orElseThrow().payload()).isEmpty();
        }
    }

    static String topic() {
        return "kincir-records-" + UUID.randomUUID();
    }

    private static Map<String, String> headers(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    static KafkaConsumer<byte[], byte[]> plainConsumer() {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", SharedKafkaBroker.bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Reads every record of the topic's 4 partitions, in partition then offset order. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
        try (KafkaConsumer<byte[], byte[]> consumer = plainConsumer()) {
            List<TopicPartition> partitions = IntStream.range(0, 4).mapToObj(p -> new TopicPartition(topic, p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            records.sort(Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
                    .thenComparingLong(ConsumerRecord::offset));
            assertThat(records).as("records in topic %s", topic).hasSize(expected);
            return records;
        }
    }
}

package io.kincir.benchmarks;

import io.kincir.Message;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The raw Kafka client as an application would use it by hand: a {@link KafkaProducer} whose batch
 * is sent and then waited for, and a {@link KafkaConsumer} in a group that commits asynchronously
 * after each poll, as Kincir's subscriber does.
 */
final class RawKafkaClient implements BrokerClient {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration JOIN_POLL = Duration.ZERO;
    private static final long JOIN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Map<String, Object> consumerProperties;
    private KafkaConsumer<byte[], byte[]> consumer;
    // Records of a poll beyond the count a receive asked for: the next receive takes them first.
    private final ArrayDeque<ConsumerRecord<byte[], byte[]>> leftOver = new ArrayDeque<>();

    /** Joins once, so that the group starts at the topic's beginning. */
    RawKafkaClient(String topic, Map<String, Object> producerProperties, Map<String, Object> consumerProperties) {
        this.topic = topic;
        this.producer = new KafkaProducer<>(producerProperties, new ByteArraySerializer(), new ByteArraySerializer());
        this.consumerProperties = Map.copyOf(consumerProperties);
        join();
    }

    @Override
    public void join() {
        if (consumer != null) {
            return;
        }
        consumer = new KafkaConsumer<>(consumerProperties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        long deadline = System.nanoTime() + JOIN_TIMEOUT_NANOS;
        while (consumer.assignment().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The raw Kafka consumer got no partitions of '" + topic + "' in 30 s");
            }
            // Polls that do not wait for records: like Kincir's subscribe, join returns once partitions are
            // assigned, with the first fetch at most sent, so that neither consumer has the backlog in
            // hand before the timing starts.
            consumer.poll(JOIN_POLL).forEach(leftOver::add);
        }
    }

    @Override
    public void publish(List<Message> batch) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>(batch.size());
        for (Message message : batch) {
            sent.add(producer.send(new ProducerRecord<>(topic, message.payload())));
        }
        for (Future<RecordMetadata> acknowledgement : sent) {
            acknowledgement.get();
        }
    }

    @Override
    public long receive(int count) {
        long bytes = 0;
        int received = 0;
        while (received < count) {
            if (leftOver.isEmpty()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                records.forEach(leftOver::add);
                if (!records.isEmpty()) {
                    consumer.commitAsync();
                }
                continue;
            }
            bytes += leftOver.poll().value().length;
            received++;
        }
        return bytes;
    }

    /** Commits every record received, as Kincir's subscriber does on close, and leaves the group. */
    @Override
    public void leave() {
        if (consumer == null) {
            return;
        }
        if (!leftOver.isEmpty()) {
            throw new IllegalStateException(leftOver.size() + " records fetched but not received; receive them first");
        }
        consumer.commitSync();
        consumer.close();
        consumer = null;
    }

    @Override
    public void purge() {
        // Kafka keeps its log whether or not it is read; nothing piles up in memory.
    }

    @Override
    public void close() {
        try {
            leave();
        } finally {
            producer.close();
        }
    }
}

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
    private static final long JOIN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    // Records of a poll beyond the count a receive asked for: the next receive takes them first.
    private final ArrayDeque<ConsumerRecord<byte[], byte[]>> leftOver = new ArrayDeque<>();

    /** Joins the consumer's group before it returns, so that what is published from now on is received. */
    RawKafkaClient(String topic, Map<String, Object> producerProperties, Map<String, Object> consumerProperties) {
        this.topic = topic;
        this.producer = new KafkaProducer<>(producerProperties, new ByteArraySerializer(), new ByteArraySerializer());
        this.consumer = new KafkaConsumer<>(consumerProperties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        long deadline = System.nanoTime() + JOIN_TIMEOUT_NANOS;
        while (consumer.assignment().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The raw Kafka consumer got no partitions of '" + topic + "' in 30 s");
            }
            consumer.poll(POLL).forEach(leftOver::add);
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

    @Override
    public void purge() {
        // Kafka keeps its log whether or not it is read; nothing piles up in memory.
    }

    @Override
    public void close() {
        consumer.close();
        producer.close();
    }
}

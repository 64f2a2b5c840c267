package io.kincir.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.PublishException;
import io.kincir.Subscriber;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.Cluster;
import org.junit.jupiter.api.Test;

/** The producer's side of faults: who picks a partition, and a producer that can no longer send. */
class KafkaProducerFaultsTest {

    @Test
    void theProducersPartitionerChoosesForUnkeyedMessagesSoItCanAvoidPartitionsWithoutLeader() throws Exception {
        Map<String, Object> producer = new HashMap<>(SharedKafkaBroker.producerProperties());
        producer.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, CountingPartitioner.class.getName());
        try (KafkaBackend backend = SharedKafkaBroker.backend().producerProperties(producer).build();
                Subscriber subscriber = backend.subscriber("counted")) {
            String topic = KafkaRecordsTest.topic();
            subscriber.subscribe(topic);

            backend.publisher().publish(topic, List.of(Message.of("a"), Message.of("b"),
                    Message.of("keyed").withMetadata(MetadataKeys.PARTITION_KEY, "k")));

            assertThat(CountingPartitioner.calls.getOrDefault(topic, new AtomicInteger()).get())
                    .as("the partitioner was asked for every record, unkeyed ones included").isEqualTo(3);
            Set<String> received = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < 3; i++) {
                received.add(subscriber.receive(Duration.ofSeconds(30)).orElseThrow().payloadAsString());
            }
            assertThat(received).containsExactlyInAnyOrder("a", "b", "keyed");
        }
    }

    @Test
    void aProducerThatCanNoLongerSendIsReplacedSoTheNextPublishWorks() throws Exception {
        try (KafkaBackend backend = SharedKafkaBroker.backend().build();
                Subscriber subscriber = backend.subscriber("after-replacement")) {
            String topic = KafkaRecordsTest.topic();
            subscriber.subscribe(topic);
            backend.publisher().publish(topic, Message.of("before"));
            // What a fatal error leaves behind: the client producer under Kincir's publisher is closed
            // for good, as spring-kafka closes a producer that failed fatally.
            backend.producerFactory().reset();

            assertThatThrownBy(() -> backend.publisher().publish(topic, Message.of("lost")))
                    .isInstanceOf(PublishException.class).hasMessageContaining("'" + topic + "'");
            backend.publisher().publish(topic, Message.of("after"));

            assertThat(subscriber.receive(Duration.ofSeconds(30))).map(Message::payloadAsString).contains("before");
            assertThat(subscriber.receive(Duration.ofSeconds(30))).map(Message::payloadAsString).contains("after");
        }
    }

    @Test
    void fatalProducerErrorsReplaceTheProducerAndPerRecordErrorsDoNot() {
        assertThat(KafkaPublisher.isFatal(new org.apache.kafka.common.errors.ProducerFencedException("fenced")))
                .isTrue();
        assertThat(KafkaPublisher.isFatal(new org.apache.kafka.common.errors.OutOfOrderSequenceException("gap")))
                .isTrue();
        assertThat(KafkaPublisher.isFatal(new org.apache.kafka.common.errors.ClusterAuthorizationException("no")))
                .isTrue();
        assertThat(KafkaPublisher.isFatal(new org.apache.kafka.common.errors.SaslAuthenticationException("no")))
                .isTrue();
        assertThat(KafkaPublisher.isFatal(new IllegalStateException("Cannot perform operation after producer has been closed")))
                .isTrue();
        assertThat(KafkaPublisher.isFatal(new org.apache.kafka.common.errors.RecordTooLargeException("big")))
                .isFalse();
        assertThat(KafkaPublisher.isFatal(new org.apache.kafka.common.errors.TimeoutException("slow")))
                .isFalse();
        assertThat(KafkaPublisher.isFatal(new org.apache.kafka.common.errors.TopicAuthorizationException("acl")))
                .as("one topic's ACL is not the producer's fault").isFalse();
    }

    /** Counts the records it is asked about, per topic, and puts them all on partition 0. */
    public static final class CountingPartitioner implements Partitioner {

        static final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

        @Override
        public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes,
                Cluster cluster) {
            calls.computeIfAbsent(topic, t -> new AtomicInteger()).incrementAndGet();
            return 0;
        }

        @Override
        public void close() {
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }
    }
}

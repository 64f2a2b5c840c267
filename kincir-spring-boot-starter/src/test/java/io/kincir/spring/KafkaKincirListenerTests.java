package io.kincir.spring;

import io.kincir.kafka.SharedKafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The listener contract on Kafka: the in-memory tests, unchanged, with only the properties switched
 * to a real KRaft broker in this JVM. Topics get 3 partitions so the concurrency test's three
 * consumers of one group each own one.
 */
@TestPropertySource(properties = {"kincir.backend=kafka", "kincir.kafka.partitions=3",
        "spring.kafka.consumer.properties.heartbeat.interval.ms=200"})
class KafkaKincirListenerTests extends KincirListenerContractTests {

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", SharedKafkaBroker::bootstrapServers);
    }

    /** The producer refuses a record over its max.request.size, 1 MiB by default. */
    @Override
    protected String tenMebibyteLimit() {
        return "max.request.size";
    }
}

package io.kincir.spring.observation;

import io.kincir.kafka.SharedKafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** One trace on Kafka: a real KRaft broker in this JVM, the trace context in record headers. */
@TestPropertySource(properties = "kincir.backend=kafka")
class KafkaKincirTracingTests extends KincirTracingContractTests {

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", SharedKafkaBroker::bootstrapServers);
    }
}

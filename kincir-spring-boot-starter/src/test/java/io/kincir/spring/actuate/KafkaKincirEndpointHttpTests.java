package io.kincir.spring.actuate;

import io.kincir.kafka.SharedKafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The endpoint on Kafka: a real KRaft broker in this JVM. */
@TestPropertySource(properties = {"kincir.backend=kafka",
        "spring.kafka.consumer.properties.heartbeat.interval.ms=200"})
class KafkaKincirEndpointHttpTests extends KincirEndpointHttpTests {

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", SharedKafkaBroker::bootstrapServers);
    }

    @Override
    protected String backendName() {
        return "kafka";
    }
}

package io.kincir.sample;

import io.kincir.kafka.SharedKafkaBroker;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample with {@code --spring.profiles.active=kafka}, on a real KRaft broker started in the test
 * JVM; only the bootstrap address differs from the profile as shipped.
 */
@ActiveProfiles("kafka")
class KafkaSampleEndToEndTests extends SampleEndToEndTests {

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", SharedKafkaBroker::bootstrapServers);
    }

    @Override
    String backend() {
        return "kafka";
    }
}

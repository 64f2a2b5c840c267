package io.kincir.sample;

import io.kincir.conformance.ExternalServer;
import io.kincir.rabbitmq.RabbitBackend;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The sample with {@code --spring.profiles.active=rabbitmq}, on the RabbitMQ server at
 * 127.0.0.1:5672. Its topics carry a prefix unique to the run, since the server keeps durable
 * queues between runs and other builds may use it at the same time; what the run declared is
 * deleted afterwards.
 */
@ActiveProfiles("rabbitmq")
class RabbitSampleEndToEndTests extends SampleEndToEndTests {

    private static final String RUN = "sample-test-" + UUID.randomUUID().toString().substring(0, 8);

    @RegisterExtension
    static final AfterAllCallback DELETE_DECLARED = RabbitSampleEndToEndTests::deleteDeclared;

    @BeforeAll
    static void requireServer() {
        ExternalServer.RABBITMQ.require();
    }

    @DynamicPropertySource
    static void topicsOfThisRun(DynamicPropertyRegistry registry) {
        prefixTopics(registry, RUN);
    }

    @Override
    String backend() {
        return "rabbitmq";
    }

    private static void deleteDeclared(ExtensionContext context) {
        if (ExternalServer.RABBITMQ.reachable()) {
            SpringExtension.getApplicationContext(context).getBean(RabbitBackend.class).deleteDeclared();
        }
    }
}

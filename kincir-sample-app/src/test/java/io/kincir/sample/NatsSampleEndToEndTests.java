package io.kincir.sample;

import io.kincir.conformance.ExternalServer;
import io.kincir.nats.NatsBackend;
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
 * The sample with {@code --spring.profiles.active=nats}, on the NATS server at 127.0.0.1:4222. Its
 * topics carry a prefix unique to the run, since the server keeps streams between runs and other
 * builds may use it at the same time; the streams the run created are deleted afterwards.
 */
@ActiveProfiles("nats")
class NatsSampleEndToEndTests extends SampleEndToEndTests {

    private static final String RUN = "sample-test-" + UUID.randomUUID().toString().substring(0, 8);

    @RegisterExtension
    static final AfterAllCallback DELETE_DECLARED = NatsSampleEndToEndTests::deleteDeclared;

    @BeforeAll
    static void requireServer() {
        ExternalServer.NATS.require();
    }

    @DynamicPropertySource
    static void topicsOfThisRun(DynamicPropertyRegistry registry) {
        prefixTopics(registry, RUN);
    }

    @Override
    String backend() {
        return "nats";
    }

    private static void deleteDeclared(ExtensionContext context) {
        if (ExternalServer.NATS.reachable()) {
            SpringExtension.getApplicationContext(context).getBean(NatsBackend.class).deleteDeclared();
        }
    }
}

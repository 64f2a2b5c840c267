package io.kincir.spring;

import io.kincir.conformance.ExternalServer;
import io.kincir.nats.NatsBackend;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The listener contract on NATS JetStream: the in-memory tests, unchanged, with only the properties
 * switched to the real server on 127.0.0.1:4222.
 */
@TestPropertySource(properties = {"kincir.backend=nats", "kincir.nats.servers=nats://127.0.0.1:4222"})
class NatsKincirListenerTests extends KincirListenerContractTests {

    /** Deletes the streams the run created, so the server does not fill up with test topics across runs. */
    @RegisterExtension
    static final AfterAllCallback DELETE_DECLARED = NatsKincirListenerTests::deleteDeclared;

    @BeforeAll
    static void requireServer() {
        ExternalServer.NATS.require();
    }

    /** The server refuses a message over its max_payload: 1 MiB by default, 8 MB as the tests configure it. */
    @Override
    protected String tenMebibyteLimit() {
        return "max_payload";
    }

    private static void deleteDeclared(ExtensionContext context) {
        if (ExternalServer.NATS.reachable()) {
            SpringExtension.getApplicationContext(context).getBean(NatsBackend.class).deleteDeclared();
        }
    }
}

package io.kincir.spring;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * The listener contract on NATS JetStream: the in-memory tests, unchanged, with only the properties
 * switched to the real server on 127.0.0.1:4222.
 */
@TestPropertySource(properties = {"kincir.backend=nats", "kincir.nats.servers=nats://127.0.0.1:4222"})
class NatsKincirListenerTests extends KincirListenerContractTests {

    /** Deletes the streams the run created, so the server does not fill up with test topics across runs. */
    @RegisterExtension
    static final ServerCleanup CLEANUP = ServerCleanup.nats();

    /** The server refuses a message over its max_payload: 1 MiB by default, 8 MB as the tests configure it. */
    @Override
    protected String tenMebibyteLimit() {
        return "max_payload";
    }
}

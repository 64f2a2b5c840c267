package io.kincir.spring.actuate;

import io.kincir.spring.ServerCleanup;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.TestPropertySource;

/** The endpoint on the NATS JetStream server on 127.0.0.1:4222. */
@TestPropertySource(properties = {"kincir.backend=nats", "kincir.nats.servers=nats://127.0.0.1:4222"})
class NatsKincirEndpointHttpTests extends KincirEndpointHttpTests {

    @RegisterExtension
    static final ServerCleanup CLEANUP = ServerCleanup.nats();

    @Override
    protected String backendName() {
        return "nats";
    }
}

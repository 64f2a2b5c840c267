package io.kincir.spring.observation;

import io.kincir.spring.ServerCleanup;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.TestPropertySource;

/** One trace on the NATS JetStream server on 127.0.0.1:4222, the trace context in message headers. */
@TestPropertySource(properties = {"kincir.backend=nats", "kincir.nats.servers=nats://127.0.0.1:4222"})
class NatsKincirTracingTests extends KincirTracingContractTests {

    @RegisterExtension
    static final ServerCleanup CLEANUP = ServerCleanup.nats();
}

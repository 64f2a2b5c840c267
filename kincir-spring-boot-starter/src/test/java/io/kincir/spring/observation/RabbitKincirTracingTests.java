package io.kincir.spring.observation;

import io.kincir.spring.ServerCleanup;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.TestPropertySource;

/** One trace on the RabbitMQ server on 127.0.0.1:5672, the trace context in message headers. */
@TestPropertySource(properties = {"kincir.backend=rabbitmq", "spring.rabbitmq.host=127.0.0.1",
        "spring.rabbitmq.port=5672", "spring.rabbitmq.username=guest", "spring.rabbitmq.password=guest"})
class RabbitKincirTracingTests extends KincirTracingContractTests {

    @RegisterExtension
    static final ServerCleanup CLEANUP = ServerCleanup.rabbitmq();
}

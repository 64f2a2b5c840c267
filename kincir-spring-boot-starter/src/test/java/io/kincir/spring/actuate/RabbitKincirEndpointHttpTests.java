package io.kincir.spring.actuate;

import io.kincir.spring.ServerCleanup;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.TestPropertySource;

/** The endpoint on the RabbitMQ server on 127.0.0.1:5672. */
@TestPropertySource(properties = {"kincir.backend=rabbitmq", "spring.rabbitmq.host=127.0.0.1",
        "spring.rabbitmq.port=5672", "spring.rabbitmq.username=guest", "spring.rabbitmq.password=guest"})
class RabbitKincirEndpointHttpTests extends KincirEndpointHttpTests {

    @RegisterExtension
    static final ServerCleanup CLEANUP = ServerCleanup.rabbitmq();

    @Override
    protected String backendName() {
        return "rabbitmq";
    }

    /** AMQP 0-9-1 lists no queues; the endpoint says so. */
    @Override
    protected boolean tellsTopology() {
        return false;
    }
}

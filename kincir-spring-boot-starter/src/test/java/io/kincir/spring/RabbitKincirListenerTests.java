package io.kincir.spring;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kincir.PublishException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * The listener contract on RabbitMQ: the in-memory tests, unchanged, with only the properties
 * switched to the real server on 127.0.0.1:5672.
 */
@TestPropertySource(properties = {"kincir.backend=rabbitmq", "spring.rabbitmq.host=127.0.0.1",
        "spring.rabbitmq.port=5672", "spring.rabbitmq.username=guest", "spring.rabbitmq.password=guest"})
class RabbitKincirListenerTests extends KincirListenerContractTests {

    /** Deletes what the run declared, so the server does not fill up with test topics across runs. */
    @RegisterExtension
    static final ServerCleanup CLEANUP = ServerCleanup.rabbitmq();

    /**
     * Differs from the other backends on purpose: with {@code kincir.rabbitmq.mandatory} on (the
     * default) the broker returns a message no queue is bound for, so the request fails at once
     * instead of timing out.
     */
    @Override
    @Test
    void aRequestNobodyAnswersTimesOutNamingTheTopicAndTimeout() {
        assertThatThrownBy(() -> template.sendAndReceive(topic("nobody-listens"), "hello?", String.class,
                Duration.ofMillis(300)))
                .isInstanceOf(PublishException.class)
                .hasMessageContaining("'" + topic("nobody-listens") + "'").hasMessageContaining("NO_ROUTE");
    }
}

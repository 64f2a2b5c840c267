package io.kincir.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.Message;
import io.kincir.spring.test.AutoConfigureKincir;
import io.kincir.spring.test.KincirTestRecorder;
import io.kincir.spring.test.ListenerOutcome;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import tools.jackson.databind.json.JsonMapper;

/**
 * The payment service on its own, as an application tests a service with kincir-spring-boot-test: an
 * order event handed to its listener as the broker would, and what it published.
 */
@SpringBootTest(webEnvironment = WebEnvironment.NONE, properties = "logging.level.io.kincir.sample=warn")
@AutoConfigureKincir
class PaymentServiceTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Autowired
    KincirTestRecorder recorder;

    @Autowired
    JsonMapper json;

    @Autowired
    SampleProperties properties;

    @Test
    void anOrderWithinTheLimitIsPaid() {
        ListenerOutcome outcome = recorder.deliver("payment", orderCreated("CUST-1", "10"), TIMEOUT);

        assertThat(outcome.handled()).isTrue();
        assertThat(recorder).published(properties.topics().payments()).singleElement()
                .hasMetadata(OrderEvent.EVENT_TYPE, OrderEvent.PAYMENT_PROCESSED)
                .hasMetadata(OrderEvent.SERVICE, "payment_service");
    }

    @Test
    void anOrderOverTheLimitIsRefusedWithTheReason() {
        recorder.deliver("payment", orderCreated("CUST-1", "5000"), TIMEOUT);

        assertThat(recorder).published(properties.topics().payments()).singleElement()
                .hasMetadata(OrderEvent.EVENT_TYPE, OrderEvent.PAYMENT_FAILED);
        assertThat(recorder.payloads(properties.topics().payments(), OrderEvent.class)).singleElement()
                .satisfies(event -> assertThat(event.reason()).contains("over the limit of 1000"));
    }

    @Test
    void aPaymentThatKeepsFailingIsRetriedThenDeadLettered() {
        ListenerOutcome outcome = recorder.deliver("payment", orderCreated("CUST-666", "10"), TIMEOUT);

        assertThat(outcome.deadLettered()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(recorder).hasNotPublishedTo(properties.topics().payments())
                .published(properties.topics().orders() + ".dlq").singleElement()
                .hasMetadata(OrderEvent.EVENT_TYPE, OrderEvent.ORDER_CREATED);
    }

    private Message orderCreated(String customerId, String amount) {
        OrderEvent order = new OrderEvent("ORD-" + customerId + "-" + amount, customerId, new BigDecimal(amount),
                OrderStatus.CREATED, null);
        return Message.of(json.writeValueAsBytes(order))
                .withMetadata(order.metadata(OrderEvent.ORDER_CREATED, "order_service"));
    }
}

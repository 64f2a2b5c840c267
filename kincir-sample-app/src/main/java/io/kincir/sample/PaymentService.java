package io.kincir.sample;

import static io.kincir.sample.OrderEvent.EVENT_TYPE;

import io.kincir.spring.KincirListener;
import io.kincir.spring.KincirTemplate;
import io.kincir.spring.Metadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The payment service: pays for each new order up to a limit and says so on the payment topic.
 * An amount over the limit is refused ({@code payment_failed}); a payment that throws is retried
 * by the listener container, then dead-lettered.
 */
@Component
class PaymentService {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentService.class);

    private final KincirTemplate template;
    private final SampleProperties properties;

    PaymentService(KincirTemplate template, SampleProperties properties) {
        this.template = template;
        this.properties = properties;
    }

    @KincirListener(id = "payment", topics = "${sample.topics.orders}")
    void onOrderEvent(OrderEvent order, @Metadata(EVENT_TYPE) String eventType) {
        if (!OrderEvent.ORDER_CREATED.equals(eventType)) {
            return;
        }
        LOG.info("Payment Service: Processing payment for order {} ({})", order.orderId(), order.amount());
        SampleProperties.Payment payment = properties.payment();
        if (payment.failingCustomers().contains(order.customerId())) {
            throw new IllegalStateException("The payment provider failed for customer " + order.customerId());
        }
        if (order.amount().compareTo(payment.limit()) > 0) {
            publish(OrderEvent.PAYMENT_FAILED, order.with(OrderStatus.CANCELLED, "payment refused: amount "
                    + order.amount() + " is over the limit of " + payment.limit()));
        } else {
            publish(OrderEvent.PAYMENT_PROCESSED, order.with(OrderStatus.PAYMENT_PROCESSED, null));
        }
    }

    private void publish(String eventType, OrderEvent event) {
        template.send(properties.topics().payments(), event, event.metadata(eventType, "payment_service"));
    }
}

package io.kincir.sample;

import static io.kincir.sample.OrderEvent.EVENT_TYPE;

import io.kincir.spring.KincirListener;
import io.kincir.spring.KincirTemplate;
import io.kincir.spring.Metadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The shipping service: ships each order the order service reports as paid, and says so on the shipping topic. */
@Component
class ShippingService {

    private static final Logger LOG = LoggerFactory.getLogger(ShippingService.class);

    private final KincirTemplate template;
    private final SampleProperties.Topics topics;

    ShippingService(KincirTemplate template, SampleProperties properties) {
        this.template = template;
        this.topics = properties.topics();
    }

    @KincirListener(id = "shipping", topics = "${sample.topics.orders}")
    void onOrderEvent(OrderEvent order, @Metadata(EVENT_TYPE) String eventType) {
        if (!OrderEvent.ORDER_UPDATED.equals(eventType) || order.status() != OrderStatus.PAYMENT_PROCESSED) {
            return;
        }
        LOG.info("Shipping Service: Shipping order {} to {}", order.orderId(), order.customerId());
        OrderEvent shipped = order.with(OrderStatus.SHIPPED, null);
        template.send(topics.shipping(), shipped, shipped.metadata(OrderEvent.SHIPMENT_CREATED, "shipping_service"));
    }
}

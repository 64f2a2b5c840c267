package io.kincir.sample;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kincir.MetadataKeys;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The JSON payload of every event on the order, payment and shipping topics; what happened is in
 * the {@value #EVENT_TYPE} metadata, the service that said so in {@value #SERVICE}. Every event is
 * published with the order id as its {@code partition_key}, so that the events of one order keep
 * their order on a backend with partitions (Kafka).
 *
 * @param orderId the order
 * @param customerId who ordered
 * @param amount what the order costs
 * @param status the order's status as the sending service sees it
 * @param reason why the order was cancelled; absent otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record OrderEvent(String orderId, String customerId, BigDecimal amount, OrderStatus status, String reason) {

    /** The metadata key that says what happened. */
    static final String EVENT_TYPE = "event_type";

    /** The metadata key that names the service that published the event. */
    static final String SERVICE = "service";

    static final String ORDER_CREATED = "order_created";
    static final String ORDER_UPDATED = "order_updated";
    static final String ORDER_CANCELLED = "order_cancelled";
    static final String PAYMENT_PROCESSED = "payment_processed";
    static final String PAYMENT_FAILED = "payment_failed";
    static final String SHIPMENT_CREATED = "shipment_created";

    /** @return the metadata of an event of this type, published by {@code service} */
    Map<String, String> metadata(String eventType, String service) {
        return Map.of(EVENT_TYPE, eventType, SERVICE, service, MetadataKeys.PARTITION_KEY, orderId);
    }

    /** @return this event with the order in {@code newStatus} */
    OrderEvent with(OrderStatus newStatus, String newReason) {
        return new OrderEvent(orderId, customerId, amount, newStatus, newReason);
    }
}

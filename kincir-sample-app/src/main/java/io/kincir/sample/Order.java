package io.kincir.sample;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An order as the order service keeps it and shows it over HTTP.
 *
 * @param orderId a random UUID
 * @param customerId who ordered
 * @param amount what it costs
 * @param status where it is now
 * @param reason why it was cancelled; absent otherwise
 * @param history every status it has been in, oldest first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Order(String orderId, String customerId, BigDecimal amount, OrderStatus status, String reason,
        List<OrderStatus> history) {

    Order {
        history = List.copyOf(history);
    }

    static Order create(String customerId, BigDecimal amount) {
        return new Order(UUID.randomUUID().toString(), customerId, amount, OrderStatus.CREATED, null,
                List.of(OrderStatus.CREATED));
    }

    /** @return the order in {@code next}, or this order unchanged if it cannot move there (a late or repeated event) */
    Order moveTo(OrderStatus next, String newReason) {
        if (!status.canMoveTo(next)) {
            return this;
        }
        List<OrderStatus> moved = new ArrayList<>(history);
        moved.add(next);
        return new Order(orderId, customerId, amount, next, newReason, moved);
    }

    OrderEvent toEvent() {
        return new OrderEvent(orderId, customerId, amount, status, reason);
    }
}

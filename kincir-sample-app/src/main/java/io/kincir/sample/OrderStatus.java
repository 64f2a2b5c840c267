package io.kincir.sample;

/** Where an order is; it only moves forward: CREATED → PAYMENT_PROCESSED → SHIPPED, or to CANCELLED before it ships. */
enum OrderStatus {

    CREATED, PAYMENT_PROCESSED, SHIPPED, CANCELLED;

    /** @return whether an order in this status may move to {@code next}; an event that arrives late must not move it back */
    boolean canMoveTo(OrderStatus next) {
        return switch (this) {
            case CREATED -> next != CREATED;
            case PAYMENT_PROCESSED -> next == SHIPPED || next == CANCELLED;
            case SHIPPED, CANCELLED -> false;
        };
    }
}

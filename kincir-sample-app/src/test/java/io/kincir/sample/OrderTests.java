package io.kincir.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** An order only moves forward, whatever order its events arrive in. */
class OrderTests {

    private final Order created = Order.create("CUST-1", BigDecimal.TEN);

    @Test
    void aNewOrderIsCreated() {
        assertThat(created.status()).isEqualTo(OrderStatus.CREATED);
        assertThat(created.history()).containsExactly(OrderStatus.CREATED);
        assertThat(created.orderId()).isNotBlank().isNotEqualTo(Order.create("CUST-1", BigDecimal.TEN).orderId());
    }

    @Test
    void eachMoveIsKeptInTheHistory() {
        Order shipped = created.moveTo(OrderStatus.PAYMENT_PROCESSED, null).moveTo(OrderStatus.SHIPPED, null);

        assertThat(shipped.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(shipped.history()).containsExactly(OrderStatus.CREATED, OrderStatus.PAYMENT_PROCESSED,
                OrderStatus.SHIPPED);
        assertThat(created.history()).as("the original is unchanged").containsExactly(OrderStatus.CREATED);
    }

    @Test
    void aLateOrRepeatedEventDoesNotMoveAnOrderBack() {
        Order paid = created.moveTo(OrderStatus.PAYMENT_PROCESSED, null);
        Order shipped = paid.moveTo(OrderStatus.SHIPPED, null);

        assertThat(paid.moveTo(OrderStatus.PAYMENT_PROCESSED, null)).isSameAs(paid);
        assertThat(paid.moveTo(OrderStatus.CREATED, null)).isSameAs(paid);
        assertThat(shipped.moveTo(OrderStatus.PAYMENT_PROCESSED, null)).isSameAs(shipped);
        assertThat(shipped.moveTo(OrderStatus.CANCELLED, "too late")).isSameAs(shipped);
    }

    @Test
    void aCancelledOrderStaysCancelledWithItsReason() {
        Order cancelled = created.moveTo(OrderStatus.CANCELLED, "payment refused");

        assertThat(cancelled.reason()).isEqualTo("payment refused");
        assertThat(cancelled.moveTo(OrderStatus.PAYMENT_PROCESSED, null)).isSameAs(cancelled);
        assertThat(cancelled.moveTo(OrderStatus.SHIPPED, null)).isSameAs(cancelled);
        assertThat(cancelled.moveTo(OrderStatus.CANCELLED, "again")).isSameAs(cancelled);
    }
}

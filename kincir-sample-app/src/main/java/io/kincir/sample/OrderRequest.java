package io.kincir.sample;

import java.math.BigDecimal;

/**
 * The body of {@code POST /orders}.
 *
 * @param customerId who orders, not blank
 * @param amount what the order costs, more than zero
 */
record OrderRequest(String customerId, BigDecimal amount) {
}

package io.kincir.sample;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/**
 * The pricing service's reply.
 *
 * @param item what was priced
 * @param price its price, or null when the item is not sold
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Quote(String item, BigDecimal price) {
}

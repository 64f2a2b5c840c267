package io.kincir.sample;

/**
 * A request for a price, sent to the pricing service with {@code KincirTemplate.sendAndReceive}.
 *
 * @param item what to price
 */
record QuoteRequest(String item) {
}

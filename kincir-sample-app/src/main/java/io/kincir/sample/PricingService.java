package io.kincir.sample;

import io.kincir.spring.KincirListener;
import java.math.BigDecimal;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The pricing service: answers quote requests. The returned value goes back to the requester's
 * {@code reply_to} topic with its {@code correlation_id}.
 */
@Component
class PricingService {

    private static final Map<String, BigDecimal> PRICES = Map.of(
            "book", new BigDecimal("12.50"),
            "coffee", new BigDecimal("3.20"),
            "laptop", new BigDecimal("1499.00"));

    @KincirListener(id = "pricing", topics = "${sample.topics.quotes}")
    Quote quote(QuoteRequest request) {
        return new Quote(request.item(), request.item() == null ? null : PRICES.get(request.item()));
    }
}

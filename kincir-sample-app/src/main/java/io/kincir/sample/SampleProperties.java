package io.kincir.sample;

import java.math.BigDecimal;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The sample's settings ({@code sample.*} in {@code application.yml}).
 *
 * @param topics the topics the services talk through
 * @param payment what the payment service accepts
 */
@ConfigurationProperties("sample")
record SampleProperties(Topics topics, Payment payment) {

    /**
     * @param orders order events: {@code order_created}, {@code order_updated}, {@code order_cancelled}
     * @param payments payment events: {@code payment_processed}, {@code payment_failed}
     * @param shipping shipping events: {@code shipment_created}
     * @param quotes price quote requests, answered through {@code reply_to}
     */
    record Topics(String orders, String payments, String shipping, String quotes) {
    }

    /**
     * @param limit the largest amount the payment service accepts; a larger order is cancelled
     * @param failingCustomers customers whose payments throw, as a stand-in for a bug or an outage,
     *     so that retries and dead letters can be watched
     */
    record Payment(BigDecimal limit, Set<String> failingCustomers) {
    }
}

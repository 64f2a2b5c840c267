package io.kincir.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kincir.MetadataKeys;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The sample as a user runs it: a real web server on a random port, orders posted over HTTP, the
 * services talking through the backend the subclass configures. A subclass supplies only
 * properties (a profile, a server), so every backend runs the same tests.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "logging.level.io.kincir.sample=warn")
@AutoConfigureRestTestClient
abstract class SampleEndToEndTests {

    /** How long an order may take to reach its final status. */
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static final EnumSet<OrderStatus> FINAL = EnumSet.of(OrderStatus.SHIPPED, OrderStatus.CANCELLED);

    @Autowired
    RestTestClient http;

    @Autowired
    SampleProperties properties;

    /** @return the backend's name, as the {@code kincir} health component shows it */
    abstract String backend();

    /**
     * Gives the sample's topics a prefix of their own, for a backend whose server keeps topics between
     * runs and may be used by other builds at the same time.
     */
    static void prefixTopics(DynamicPropertyRegistry registry, String run) {
        registry.add("sample.topics.orders", () -> run + ".order_events");
        registry.add("sample.topics.payments", () -> run + ".payment_events");
        registry.add("sample.topics.shipping", () -> run + ".shipping_events");
        registry.add("sample.topics.quotes", () -> run + ".quote_requests");
    }

    @Test
    void anOrderMovesFromCreatedThroughPaymentToShipped() {
        Order created = post("CUST-123", "99.99");

        assertThat(created.status()).isEqualTo(OrderStatus.CREATED);
        assertThat(created.amount()).isEqualByComparingTo("99.99");
        Order shipped = awaitFinal(created.orderId());
        assertThat(shipped.history()).containsExactly(OrderStatus.CREATED, OrderStatus.PAYMENT_PROCESSED,
                OrderStatus.SHIPPED);
        assertThat(shipped.reason()).isNull();
    }

    @Test
    void aPaymentOverTheLimitIsRefusedAndCancelsTheOrder() {
        Order order = awaitFinal(post("CUST-123", "1500").orderId());

        assertThat(order.history()).containsExactly(OrderStatus.CREATED, OrderStatus.CANCELLED);
        assertThat(order.reason()).isEqualTo("payment refused: amount 1500 is over the limit of 1000");
    }

    @Test
    void aPaymentThatKeepsFailingIsRetriedThenDeadLetteredAndTheOrderCancelled() {
        Order order = awaitFinal(post("CUST-666", "5").orderId());

        assertThat(order.history()).containsExactly(OrderStatus.CREATED, OrderStatus.CANCELLED);
        assertThat(order.reason()).isEqualTo("processing failed: java.lang.IllegalStateException: The payment "
                + "provider failed for customer CUST-666");
        DeadLetter deadLetter = awaitDeadLetters(List.of(order.orderId())).get(order.orderId());
        assertThat(deadLetter.metadata())
                .containsEntry(MetadataKeys.ERROR, "java.lang.IllegalStateException: The payment provider failed "
                        + "for customer CUST-666")
                .containsEntry(MetadataKeys.ORIGINAL_TOPIC, properties.topics().orders())
                .containsEntry(MetadataKeys.ATTEMPT, "3")
                .containsEntry(OrderEvent.EVENT_TYPE, OrderEvent.ORDER_CREATED)
                .containsEntry(OrderEvent.SERVICE, "order_service")
                .containsEntry(MetadataKeys.PARTITION_KEY, order.orderId());
        assertThat(deadLetter.payload()).contains("\"customerId\":\"CUST-666\"");
        assertThat(deadLettersOf(List.of(order.orderId()))).as("looking does not take it away")
                .containsEntry(order.orderId(), deadLetter);
    }

    @Test
    void everyOrderEndsShippedOrCancelledAndEveryFailedPaymentIsInTheDeadLetters() {
        List<Order> posted = new ArrayList<>();
        List<String> failing = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            if (i % 10 == 0) {
                Order order = post("CUST-666", Integer.toString(i));
                failing.add(order.orderId());
                posted.add(order);
            } else {
                posted.add(post("CUST-" + i, i % 5 == 0 ? "2000" : Integer.toString(i)));
            }
        }

        List<Order> done = posted.stream().map(order -> awaitFinal(order.orderId())).toList();
        Map<OrderStatus, Long> byStatus = done.stream()
                .collect(Collectors.groupingBy(Order::status, Collectors.counting()));
        assertThat(byStatus).containsOnly(Map.entry(OrderStatus.SHIPPED, 24L), Map.entry(OrderStatus.CANCELLED, 6L));
        assertThat(awaitDeadLetters(failing)).as("one dead letter for each failed payment").hasSize(3);
    }

    @Test
    void aQuoteIsARequestAnsweredByThePricingService() {
        http.get().uri("/quotes?item=book").exchange()
                .expectStatus().isOk()
                .expectBody(Quote.class).isEqualTo(new Quote("book", new BigDecimal("12.50")));
        http.get().uri("/quotes?item=car").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isEqualTo("No price for item 'car'");
    }

    @Test
    void badInputIsRefusedWithAProblemDetail() {
        http.post().uri("/orders").contentType(MediaType.APPLICATION_JSON)
                .body(new OrderRequest("CUST-123", new BigDecimal("-1"))).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("amount must be more than 0, was -1");
        http.post().uri("/orders").contentType(MediaType.APPLICATION_JSON)
                .body(new OrderRequest(" ", BigDecimal.TEN)).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("customerId is required");
        http.get().uri("/orders/no-such-order").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isEqualTo("No order no-such-order");
    }

    @Test
    void theHealthEndpointShowsKincirUpWithEveryListenerRunning() {
        JsonNode health = getJson("/actuator/health");

        assertThat(health.path("status").asString()).as(health.toString()).isEqualTo("UP");
        assertThat(health.path("components").has("rabbit")).as("Spring Boot's rabbit health only on RabbitMQ")
                .isEqualTo(backend().equals("rabbitmq"));
        assertThat(health.path("components").has("redis")).as("Spring Boot's redis health only on Redis")
                .isEqualTo(backend().equals("redis"));
        JsonNode kincir = health.path("components").path("kincir");
        assertThat(kincir.path("status").asString()).isEqualTo("UP");
        assertThat(kincir.path("details").path("backend").asString()).isEqualTo(backend());
        JsonNode listeners = kincir.path("details").path("listeners");
        assertThat(listeners.propertyNames()).containsExactlyInAnyOrder("orders", "failed-orders", "payment",
                "shipping", "pricing");
        listeners.forEach(listener -> assertThat(listener.asString()).isEqualTo("RUNNING"));
    }

    @Test
    void theKincirEndpointShowsTheBackendAndTheListeners() {
        JsonNode kincir = getJson("/actuator/kincir");

        assertThat(kincir.path("backend").path("name").asString()).isEqualTo(backend());
        JsonNode payment = kincir.path("listeners").path("payment");
        assertThat(payment.path("state").asString()).isEqualTo("RUNNING");
        assertThat(payment.path("topics").get(0).asString()).isEqualTo(properties.topics().orders());
        assertThat(payment.path("group").asString()).isEqualTo("kincir-sample.payment");
        assertThat(payment.path("deadLetterTopics").get(0).asString()).isEqualTo(properties.topics().orders() + ".dlq");
    }

    @Test
    void theMetersCountPublishedAndDeadLetteredMessages() {
        String orderId = post("CUST-666", "7").orderId();
        awaitDeadLetters(List.of(orderId));

        JsonNode deadLettered = getJson("/actuator/metrics/kincir.messages.dead.lettered?tag=topic:"
                + properties.topics().orders() + "&tag=group:kincir-sample.payment");
        assertThat(deadLettered.path("measurements").get(0).path("value").asDouble()).isGreaterThanOrEqualTo(1);
        JsonNode published = getJson("/actuator/metrics/kincir.messages.published?tag=topic:"
                + properties.topics().orders());
        assertThat(published.path("measurements").get(0).path("value").asDouble()).isGreaterThanOrEqualTo(2);
    }

    private Order post(String customerId, String amount) {
        Order order = http.post().uri("/orders").contentType(MediaType.APPLICATION_JSON)
                .body(new OrderRequest(customerId, new BigDecimal(amount))).exchange()
                .expectStatus().isCreated()
                .expectBody(Order.class).returnResult().getResponseBody();
        assertThat(order.status()).isEqualTo(OrderStatus.CREATED);
        return order;
    }

    private Order get(String orderId) {
        return http.get().uri("/orders/{orderId}", orderId).exchange()
                .expectStatus().isOk()
                .expectBody(Order.class).returnResult().getResponseBody();
    }

    private Order awaitFinal(String orderId) {
        return await().atMost(WAIT).pollDelay(Duration.ZERO).until(() -> get(orderId), order -> FINAL.contains(order.status()));
    }

    /** Waits until each order has its dead letter; fails if any has more than one. */
    private Map<String, DeadLetter> awaitDeadLetters(List<String> orderIds) {
        return await().atMost(WAIT).pollDelay(Duration.ZERO).until(() -> deadLettersOf(orderIds), found -> found.size() == orderIds.size());
    }

    private Map<String, DeadLetter> deadLettersOf(List<String> orderIds) {
        List<DeadLetter> all = http.get().uri("/dead-letters").exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<DeadLetter>>() { }).returnResult().getResponseBody();
        return all.stream().filter(deadLetter -> orderIds.stream().anyMatch(deadLetter.payload()::contains))
                .collect(Collectors.toMap(deadLetter -> orderIds.stream().filter(deadLetter.payload()::contains)
                        .findFirst().orElseThrow(), Function.identity()));
    }

    private JsonNode getJson(String path) {
        return http.get().uri(path).exchange()
                .expectStatus().isEqualTo(HttpStatus.OK)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }
}

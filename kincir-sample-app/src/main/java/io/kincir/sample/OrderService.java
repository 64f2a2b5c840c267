package io.kincir.sample;

import static io.kincir.sample.OrderEvent.EVENT_TYPE;

import io.kincir.KincirException;
import io.kincir.MetadataKeys;
import io.kincir.spring.KincirListener;
import io.kincir.spring.KincirTemplate;
import io.kincir.spring.Metadata;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The order service: takes orders over HTTP, announces them on the order topic, and moves them
 * along as the payment and shipping services answer. A failed payment cancels the order and
 * announces the cancellation: the saga's compensation. Orders live in memory, so they are gone
 * after a restart.
 */
@RestController
class OrderService {

    private static final Logger LOG = LoggerFactory.getLogger(OrderService.class);

    private static final Duration QUOTE_TIMEOUT = Duration.ofSeconds(5);

    private final ConcurrentMap<String, Order> orders = new ConcurrentHashMap<>();
    private final KincirTemplate template;
    private final SampleProperties.Topics topics;

    OrderService(KincirTemplate template, SampleProperties properties) {
        this.template = template;
        this.topics = properties.topics();
    }

    @PostMapping("/orders")
    ResponseEntity<Order> create(@RequestBody OrderRequest request) {
        if (request.customerId() == null || request.customerId().isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "customerId is required");
        }
        if (request.amount() == null || request.amount().compareTo(BigDecimal.ZERO) <= 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "amount must be more than 0, was "
                    + request.amount());
        }
        Order order = Order.create(request.customerId(), request.amount());
        // Stored before it is announced, so that no answer can come for an order not yet stored.
        orders.put(order.orderId(), order);
        LOG.info("Order Service: Creating order {} for {} ({})", order.orderId(), order.customerId(), order.amount());
        try {
            publish(OrderEvent.ORDER_CREATED, order);
        } catch (KincirException e) {
            orders.remove(order.orderId());
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "The order was not created: "
                    + e.getMessage(), e);
        }
        return ResponseEntity.created(URI.create("/orders/" + order.orderId())).body(order);
    }

    @GetMapping("/orders/{orderId}")
    Order find(@PathVariable String orderId) {
        Order order = orders.get(orderId);
        if (order == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No order " + orderId);
        }
        return order;
    }

    /** Asks the pricing service and waits for its answer: request/response over two topics. */
    @GetMapping("/quotes")
    Quote quote(@RequestParam String item) {
        Quote quote;
        try {
            quote = template.sendAndReceive(topics.quotes(), new QuoteRequest(item), Quote.class, QUOTE_TIMEOUT);
        } catch (KincirException e) {
            throw new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, e.getMessage(), e);
        }
        if (quote.price() == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No price for item '" + item + "'");
        }
        return quote;
    }

    @KincirListener(id = "orders", topics = { "${sample.topics.payments}", "${sample.topics.shipping}" })
    void onEvent(OrderEvent event, @Metadata(EVENT_TYPE) String eventType) {
        switch (String.valueOf(eventType)) {
            case OrderEvent.PAYMENT_PROCESSED -> {
                Order order = moveTo(event.orderId(), OrderStatus.PAYMENT_PROCESSED, null);
                if (order.status() == OrderStatus.PAYMENT_PROCESSED) {
                    publish(OrderEvent.ORDER_UPDATED, order);
                }
            }
            case OrderEvent.PAYMENT_FAILED -> cancel(event.orderId(), event.reason());
            case OrderEvent.SHIPMENT_CREATED -> moveTo(event.orderId(), OrderStatus.SHIPPED, null);
            default -> LOG.warn("Order Service: Unknown event type {} for order {}", eventType, event.orderId());
        }
    }

    /**
     * An order event that a service could not handle, even after retries, lands here (and in
     * {@code GET /dead-letters}): the order is cancelled rather than left waiting for ever.
     */
    @KincirListener(id = "failed-orders", topics = "${sample.topics.orders}.dlq")
    void onDeadLetter(OrderEvent event, @Metadata(MetadataKeys.ERROR) String error) {
        if (!orders.containsKey(event.orderId())) {
            LOG.warn("Order Service: Dead letter for unknown order {} ({}); it stays in the dead letters",
                    event.orderId(), error);
            return;
        }
        cancel(event.orderId(), "processing failed: " + error);
    }

    private void cancel(String orderId, String reason) {
        Order order = moveTo(orderId, OrderStatus.CANCELLED, reason);
        if (order.status() == OrderStatus.CANCELLED) {
            publish(OrderEvent.ORDER_CANCELLED, order);
        }
    }

    /**
     * @return the order after the move; unchanged when it cannot move there (a late or repeated event)
     * @throws IllegalStateException for an order this instance does not know: the event is retried,
     *     then dead-lettered, never dropped
     */
    private Order moveTo(String orderId, OrderStatus next, String reason) {
        Order order = orders.computeIfPresent(orderId, (id, current) -> current.moveTo(next, reason));
        if (order == null) {
            throw new IllegalStateException("Order " + orderId + " is unknown to this instance (orders are kept in "
                    + "memory: was it created before a restart?)");
        }
        if (order.status() == next) {
            LOG.info("Order Service: Order {} is {}{}", orderId, next, reason == null ? "" : ": " + reason);
        } else {
            LOG.info("Order Service: Order {} is {}, not moved to {}", orderId, order.status(), next);
        }
        return order;
    }

    private void publish(String eventType, Order order) {
        OrderEvent event = order.toEvent();
        template.send(topics.orders(), event, event.metadata(eventType, "order_service"));
    }
}

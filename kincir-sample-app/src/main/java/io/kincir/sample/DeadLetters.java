package io.kincir.sample;

import io.kincir.AckSubscriber;
import io.kincir.Backend;
import io.kincir.Delivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /dead-letters}: every message that failed every attempt and waits in a dead-letter
 * topic ({@code <topic>.dlq}), in the durable group the listener container keeps them in.
 *
 * <p>It looks without taking: it receives what waits and closes its subscriber without
 * acknowledging, so the broker keeps every dead letter for whoever deals with them (on RabbitMQ and
 * Kafka even across restarts). On RabbitMQ one look shows at most {@code kincir.rabbitmq.prefetch}
 * dead letters per topic.
 */
@RestController
class DeadLetters {

    /** How long to wait for one more dead letter before deciding that all were seen. */
    private static final Duration QUIET = Duration.ofMillis(300);

    private final Backend backend;
    private final String group;
    private final List<String> topics;

    DeadLetters(Backend backend, SampleProperties properties,
            @Value("${kincir.listener.dead-letter-group:kincir-dead-letters}") String group) {
        this.backend = backend;
        this.group = group;
        SampleProperties.Topics names = properties.topics();
        this.topics = List.of(names.orders() + ".dlq", names.payments() + ".dlq", names.shipping() + ".dlq",
                names.quotes() + ".dlq");
    }

    @GetMapping("/dead-letters")
    synchronized List<DeadLetter> list() throws InterruptedException {
        List<DeadLetter> deadLetters = new ArrayList<>();
        try (AckSubscriber subscriber = backend.ackSubscriber(group)) {
            topics.forEach(subscriber::subscribe);
            Optional<Delivery> next;
            while ((next = subscriber.receive(QUIET)).isPresent()) {
                deadLetters.add(DeadLetter.of(next.get().message()));
            }
        }
        return deadLetters;
    }
}

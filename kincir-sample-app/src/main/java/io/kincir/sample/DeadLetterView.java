package io.kincir.sample;

import io.kincir.deadletter.DeadLetters;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /dead-letters}: every message that failed every attempt and waits in one of the sample's
 * dead-letter topics ({@code <topic>.dlq}), read through the starter's {@link DeadLetters}, which looks
 * without taking: the dead letters stay for whoever deals with them. Replaying and purging them is the
 * {@code kincir} Actuator endpoint's job ({@code /actuator/kincir/dead-letters/{topic}}).
 */
@RestController
class DeadLetterView {

    /** The most dead letters shown per topic. */
    private static final int PER_TOPIC = 100;

    private final DeadLetters deadLetters;
    private final List<String> topics;

    DeadLetterView(DeadLetters deadLetters, SampleProperties properties) {
        this.deadLetters = deadLetters;
        SampleProperties.Topics names = properties.topics();
        this.topics = List.of(names.orders() + ".dlq", names.payments() + ".dlq", names.shipping() + ".dlq",
                names.quotes() + ".dlq");
    }

    @GetMapping("/dead-letters")
    List<DeadLetter> list() {
        return topics.stream().flatMap(topic -> deadLetters.list(topic, 0, PER_TOPIC).deadLetters().stream())
                .map(deadLetter -> DeadLetter.of(deadLetter.message())).toList();
    }
}

package io.kincir.sample.plain;

import io.kincir.Message;
import io.kincir.Subscriber;
import io.kincir.rabbitmq.RabbitBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kincir without Spring Boot: a main method publishes to a topic on RabbitMQ and receives the
 * messages back, with kincir-rabbitmq as its only dependency.
 *
 * <pre>
 * java io.kincir.sample.plain.PlainJavaSample [host [port]]     (default 127.0.0.1 5672, guest/guest)
 * </pre>
 */
public final class PlainJavaSample {

    /** The topic the sample publishes to: a RabbitMQ exchange of that name, declared on first use. */
    static final String TOPIC = "kincir-plain-java";

    private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(10);

    private PlainJavaSample() {
    }

    public static void main(String[] args) throws InterruptedException {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 5672;
        List<String> received = roundTrip(host, port, List.of("order 1 placed", "order 2 placed", "order 1 paid"));
        received.forEach(payload -> System.out.println("received: " + payload));
    }

    /**
     * Subscribes to {@link #TOPIC}, publishes the payloads to it, and receives them.
     *
     * @param host RabbitMQ's host
     * @param port its AMQP port
     * @param payloads what to publish, in order
     * @return the payloads received, in the order they arrived; fewer than published if some did not
     *     arrive within ten seconds each
     * @throws InterruptedException if interrupted while waiting for a message
     */
    static List<String> roundTrip(String host, int port, List<String> payloads) throws InterruptedException {
        try (RabbitBackend backend = RabbitBackend.builder().host(host).port(port).credentials("guest", "guest")
                .build();
                // A private group of one: its queue goes away with the subscriber.
                Subscriber subscriber = backend.subscriber()) {
            // Returns once the queue is bound: everything published from here on reaches it.
            subscriber.subscribe(TOPIC);
            for (String payload : payloads) {
                backend.publisher().publish(TOPIC, Message.of(payload));
            }
            List<String> received = new ArrayList<>();
            while (received.size() < payloads.size()) {
                Optional<Message> message = subscriber.receive(RECEIVE_TIMEOUT);
                if (message.isEmpty()) {
                    break;
                }
                received.add(message.get().payloadAsString());
            }
            return received;
        }
    }
}

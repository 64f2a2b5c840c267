package io.kincir.listener;

import io.kincir.AckSubscriber;
import io.kincir.Backend;
import io.kincir.BackendHealth;
import io.kincir.Delivery;
import io.kincir.Message;
import io.kincir.Publisher;
import io.kincir.Subscriber;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A real in-memory broker whose deliveries write "ack x" / "nack x requeue=…" to an event log that
 * the test's handler writes to as well, so a test can see in which order things happened.
 */
final class RecordingBackend implements Backend {

    final Backend delegate;
    final ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();
    /** Each timed receive: "PT0.1S: a" for the timeout asked and the payload it returned, or "none". */
    final ConcurrentLinkedQueue<String> timedReceives = new ConcurrentLinkedQueue<>();

    RecordingBackend(Backend delegate) {
        this.delegate = delegate;
    }

    List<String> events() {
        return List.copyOf(events);
    }

    @Override
    public Publisher publisher() {
        return delegate.publisher();
    }

    @Override
    public Subscriber subscriber() {
        return delegate.subscriber();
    }

    @Override
    public Subscriber subscriber(String group) {
        return delegate.subscriber(group);
    }

    @Override
    public AckSubscriber ackSubscriber(String group) {
        AckSubscriber subscriber = delegate.ackSubscriber(group);
        return new AckSubscriber() {
            @Override
            public void subscribe(String topic) {
                subscriber.subscribe(topic);
            }

            @Override
            public Delivery receive() throws InterruptedException {
                return recording(subscriber.receive());
            }

            @Override
            public Optional<Delivery> receive(Duration timeout) throws InterruptedException {
                Optional<Delivery> received = subscriber.receive(timeout);
                timedReceives.add(timeout + ": " + received.map(delivery -> delivery.message().payloadAsString())
                        .orElse("none"));
                return received.map(RecordingBackend.this::recording);
            }

            @Override
            public void close() {
                subscriber.close();
            }
        };
    }

    private Delivery recording(Delivery delivery) {
        return new Delivery() {
            @Override
            public Message message() {
                return delivery.message();
            }

            @Override
            public void ack() {
                events.add("ack " + delivery.message().payloadAsString());
                delivery.ack();
            }

            @Override
            public void nack(boolean requeue) {
                events.add("nack " + delivery.message().payloadAsString() + " requeue=" + requeue);
                delivery.nack(requeue);
            }
        };
    }

    @Override
    public BackendHealth health() {
        return delegate.health();
    }

    @Override
    public void close() {
        delegate.close();
    }
}

package io.kincir.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.kincir.AckSubscriber;
import io.kincir.Backend;
import io.kincir.Delivery;
import io.kincir.Message;
import io.kincir.Subscriber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of every conformance class: gives each test a fresh {@link Backend} from
 * {@link #createBackend()}, unique topic and group names (real servers keep state between tests),
 * and receive helpers that wait with a deadline instead of sleeping.
 *
 * <p>A backend runs the suite by extending {@link ConformanceSuite}, which holds every conformance
 * class as a {@code @Nested} class and implements {@link #createBackend()}. A backend is done when it
 * passes all of them.
 */
public abstract class BackendConformance {

    /** The backend under test, fresh for each test. */
    protected Backend backend;

    /** @return a new backend; closed after each test */
    protected abstract Backend createBackend();

    /** @return how long a receive may wait for a message that must arrive */
    protected Duration receiveTimeout() {
        return Duration.ofSeconds(15);
    }

    /**
     * @return how long to wait when proving that nothing more arrives; the only wait in the suite
     *     that is not on a condition, since absence cannot be observed otherwise
     */
    protected Duration quietPeriod() {
        return Duration.ofMillis(300);
    }

    @BeforeEach
    void openBackend() {
        backend = createBackend();
    }

    @AfterEach
    void closeBackend() {
        if (backend != null) {
            backend.close();
        }
    }

    /** @return a topic name no other test uses */
    protected static String newTopic() {
        return unique("kincir-topic");
    }

    /** @return a group name no other test uses */
    protected static String newGroup() {
        return unique("kincir-group");
    }

    private static String unique(String prefix) {
        return prefix + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    /** @return {@code count} messages with payloads {@code prefix-0}, {@code prefix-1}… */
    protected static List<Message> messages(String prefix, int count) {
        List<Message> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            messages.add(Message.of(prefix + "-" + i));
        }
        return messages;
    }

    /** Receives exactly {@code count} messages, failing if one does not arrive within the timeout. */
    protected List<Message> receive(Subscriber subscriber, int count) throws InterruptedException {
        List<Message> received = new ArrayList<>(count);
        while (received.size() < count) {
            Optional<Message> message = subscriber.receive(receiveTimeout());
            if (message.isEmpty()) {
                fail("Received " + received.size() + " of " + count + " messages; none came within " + receiveTimeout());
            }
            received.add(message.get());
        }
        return received;
    }

    /** Receives one delivery, failing if none arrives within the timeout. */
    protected Delivery receive(AckSubscriber subscriber) throws InterruptedException {
        return subscriber.receive(receiveTimeout())
                .orElseGet(() -> fail("No delivery came within " + receiveTimeout()));
    }

    /** Receives exactly {@code count} deliveries without settling them. */
    protected List<Delivery> receive(AckSubscriber subscriber, int count) throws InterruptedException {
        List<Delivery> received = new ArrayList<>(count);
        while (received.size() < count) {
            received.add(receive(subscriber));
        }
        return received;
    }

    /** Asserts that nothing arrives during the quiet period. */
    protected void assertNothingMore(Subscriber subscriber) throws InterruptedException {
        assertThat(subscriber.receive(quietPeriod())).as("a message that should not arrive").isEmpty();
    }

    /** Asserts that nothing arrives during the quiet period. */
    protected void assertNothingMore(AckSubscriber subscriber) throws InterruptedException {
        assertThat(subscriber.receive(quietPeriod())).as("a delivery that should not arrive").isEmpty();
    }

    /** @return the payloads as UTF-8 text */
    protected static List<String> payloads(List<Message> messages) {
        return messages.stream().map(Message::payloadAsString).toList();
    }
}

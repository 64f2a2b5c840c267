package io.kincir.spring.test;

import io.kincir.Backend;
import io.kincir.Message;
import io.kincir.MessageConversionException;
import io.kincir.Publisher;
import io.kincir.listener.ListenerContainer;
import io.kincir.spring.KincirListenerRegistry;
import io.kincir.spring.KincirTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.assertj.core.api.AssertProvider;

/**
 * Records every message the application publishes through its {@link Publisher} bean, per topic:
 * what {@code KincirTemplate} sends, what listeners return, dead letters. A test asserts on it with
 * AssertJ ({@code assertThat(recorder).published("orders")…}), waits for messages that listeners publish
 * on their own threads with {@link #awaitMessages}, and hands a message to a listener as the broker would
 * with {@link #deliver}. {@link AutoConfigureKincir @AutoConfigureKincir} provides it as a bean, and it
 * forgets what it recorded after each test method.
 *
 * <p>It sees only what goes through the context's {@code Publisher} bean (the template and the
 * listeners use it), not what code publishes on {@code Backend.publisher()} directly. A publish the
 * backend refused is not recorded. Thread-safe.
 */
public final class KincirTestRecorder implements AssertProvider<KincirTestRecorderAssert> {

    private final Supplier<KincirTemplate> template;
    private final Supplier<Backend> backend;
    private final Supplier<KincirListenerRegistry> listeners;
    private final Map<String, List<Message>> published = new LinkedHashMap<>();
    private final ListenerAttempts attempts = new ListenerAttempts();

    /**
     * @param template reads payloads with the application's converters, looked up when first needed
     * @param backend the backend {@link #deliver} publishes to, looked up when first needed
     * @param listeners the listeners {@link #deliver} hands messages to, looked up when first needed
     */
    KincirTestRecorder(Supplier<KincirTemplate> template, Supplier<Backend> backend, Supplier<KincirListenerRegistry> listeners) {
        this.template = template;
        this.backend = backend;
        this.listeners = listeners;
    }

    /** Publishes through {@code delegate} and records what it accepted. */
    Publisher recording(Publisher delegate) {
        return (topic, messages) -> {
            delegate.publish(topic, messages);
            record(topic, messages);
        };
    }

    private synchronized void record(String topic, List<Message> messages) {
        published.computeIfAbsent(topic, key -> new ArrayList<>()).addAll(messages);
        notifyAll();
    }

    /**
     * @param topic a topic
     * @return the messages published to it so far, oldest first
     */
    public synchronized List<Message> messages(String topic) {
        return List.copyOf(published.getOrDefault(topic, List.of()));
    }

    /**
     * @param topic a topic
     * @param type the payload type, read as by {@link #payload(Message, Class)}
     * @param <T> the payload type
     * @return the payloads published to it so far, converted
     * @throws MessageConversionException if a payload cannot be converted
     */
    public <T> List<T> payloads(String topic, Class<T> type) {
        return messages(topic).stream().map(message -> payload(message, type)).toList();
    }

    /**
     * Reads a payload as a listener parameter of the type would get it.
     *
     * @param message a message
     * @param type {@code byte[]}, {@code String}, or a type the converter for the message's
     *     {@code content_type} reads (JSON when it has none)
     * @param <T> the payload type
     * @return the payload
     * @throws MessageConversionException if no converter reads the payload as the type
     */
    public <T> T payload(Message message, Class<T> type) {
        return template.get().read(message, type);
    }

    /**
     * Waits until at least {@code count} messages were published to the topic.
     *
     * @param topic a topic
     * @param count how many messages to wait for
     * @param timeout how long to wait
     * @return the messages published to it, at least {@code count}
     * @throws AssertionError if fewer came in time; the message says how many and lists the topics seen
     */
    public synchronized List<Message> awaitMessages(String topic, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (published.getOrDefault(topic, List.of()).size() < count) {
            if (!waitUntil(deadline)) {
                throw new AssertionError("Expected " + count + " messages on topic '" + topic + "' within "
                        + timeout + " but " + published.getOrDefault(topic, List.of()).size()
                        + " were published; topics published to: " + published.keySet());
            }
        }
        return messages(topic);
    }

    /**
     * Hands a message to a listener as if it arrived from the broker, and waits until the listener is done
     * with it: the message is published to the listener's topic on the backend (not through the recorded
     * publisher), so it takes the listener's whole path, payload conversion, retries and the dead-letter
     * topic included. Other listeners of the topic get it as well, as they would from the broker.
     *
     * @param listenerId the listener's id ({@code @KincirListener(id)}, by default its group)
     * @param message a message not delivered before in this test method: its uuid tells its attempts apart
     *     from other messages
     * @param timeout how long to wait for the listener to handle or dead-letter it
     * @return what became of it
     * @throws IllegalArgumentException if no listener has the id, or it has several topics (name one with
     *     {@link #deliver(String, String, Message, Duration)})
     * @throws AssertionError if the listener neither handled nor dead-lettered it in time
     */
    public ListenerOutcome deliver(String listenerId, Message message, Duration timeout) {
        List<String> topics = container(listenerId).topics();
        if (topics.size() != 1) {
            throw new IllegalArgumentException("Listener '" + listenerId + "' has the topics " + topics
                    + ": name the one to deliver to");
        }
        return deliver(listenerId, topics.get(0), message, timeout);
    }

    /**
     * {@link #deliver(String, Message, Duration)} to one of the listener's topics.
     *
     * @param listenerId the listener's id
     * @param topic one of its topics
     * @param message the message
     * @param timeout how long to wait for the listener to handle or dead-letter it
     * @return what became of it
     */
    public ListenerOutcome deliver(String listenerId, String topic, Message message, Duration timeout) {
        ListenerContainer container = container(listenerId);
        if (!container.topics().contains(topic)) {
            throw new IllegalArgumentException("Listener '" + listenerId + "' does not consume topic '" + topic
                    + "'; its topics are " + container.topics());
        }
        String deadLetterTopic = container.deadLetterTopic(topic);
        backend.get().publisher().publish(topic, message);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                ListenerOutcome outcome = attempts.outcome(listenerId, message.uuid(),
                        deadLettered(deadLetterTopic, message.uuid()));
                if (outcome != null) {
                    return outcome;
                }
                if (!waitUntil(deadline)) {
                    throw new AssertionError("Listener '" + listenerId + "' did not handle or dead-letter message "
                            + message.uuid() + " from topic '" + topic + "' within " + timeout + "; attempts so far: "
                            + attempts.failures(listenerId, message.uuid()) + ". Is the listener running?");
                }
            }
        }
    }

    private ListenerContainer container(String listenerId) {
        return listeners.get().container(listenerId);
    }

    private boolean deadLettered(String deadLetterTopic, String uuid) {
        return published.getOrDefault(deadLetterTopic, List.of()).stream()
                .anyMatch(message -> message.uuid().equals(uuid));
    }

    /**
     * One attempt of a listener to handle a message ended, for {@link #deliver}.
     *
     * @param failure why it failed, or null if it succeeded
     */
    synchronized void attempted(String listenerId, String uuid, Throwable failure) {
        attempts.add(listenerId, uuid, failure);
        notifyAll();
    }

    /** @return whether there is time left, after waiting some of it; called holding the monitor */
    private boolean waitUntil(long deadline) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            return false;
        }
        try {
            TimeUnit.NANOSECONDS.timedWait(this, remaining);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for the recorder", e);
        }
    }

    /** @return the topics published to so far */
    public synchronized Set<String> topics() {
        return Set.copyOf(published.keySet());
    }

    /** Forgets everything recorded; done after each test method. */
    public synchronized void clear() {
        published.clear();
        attempts.clear();
    }

    /** @return assertions on what was recorded, for AssertJ's {@code assertThat(recorder)} */
    @Override
    public KincirTestRecorderAssert assertThat() {
        return new KincirTestRecorderAssert(this);
    }
}

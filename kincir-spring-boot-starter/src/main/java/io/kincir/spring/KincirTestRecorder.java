package io.kincir.spring;

import io.kincir.Message;
import io.kincir.Publisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records every message the application publishes through its {@link Publisher} bean, per topic:
 * what {@link KincirTemplate} sends, what listeners return, dead letters. A test asserts on it, and
 * waits for messages that listeners publish on their own threads with {@link #awaitMessages}.
 * {@link AutoConfigureKincir @AutoConfigureKincir} provides it as a bean.
 *
 * <p>It sees only what goes through the context's {@code Publisher} bean (the template and the
 * listeners use it), not what code publishes on {@code Backend.publisher()} directly. A publish the
 * backend refused is not recorded. Thread-safe.
 */
public final class KincirTestRecorder {

    private final PayloadConverter converter;
    private final Map<String, List<Message>> published = new LinkedHashMap<>();

    /** @param jsonMapper reads JSON payloads for {@link #payloads} */
    public KincirTestRecorder(JsonMapper jsonMapper) {
        this(jsonMapper, List.of());
    }

    /**
     * @param jsonMapper reads JSON payloads for {@link #payloads}
     * @param converters the application's payload converters, asked before the built-in ones, in order
     */
    public KincirTestRecorder(JsonMapper jsonMapper, List<KincirMessageConverter> converters) {
        this.converter = new PayloadConverter(converters, jsonMapper);
    }

    /**
     * @param delegate the publisher that publishes
     * @return a publisher that publishes through {@code delegate} and records what it accepted
     */
    public Publisher recording(Publisher delegate) {
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
     * @param type the payload type: {@code byte[]}, {@code String}, or a type read by the converter for each
     *     message's {@code content_type} (JSON when it has none)
     * @param <T> the payload type
     * @return the payloads published to it so far, converted
     * @throws io.kincir.MessageConversionException if a payload cannot be converted
     */
    public <T> List<T> payloads(String topic, Class<T> type) {
        return messages(topic).stream().map(message -> converter.fromMessage(message, type)).toList();
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
        try {
            while (published.getOrDefault(topic, List.of()).size() < count) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new AssertionError("Expected " + count + " messages on topic '" + topic + "' within "
                            + timeout + " but " + published.getOrDefault(topic, List.of()).size()
                            + " were published; topics published to: " + published.keySet());
                }
                TimeUnit.NANOSECONDS.timedWait(this, remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for messages on topic '" + topic + "'", e);
        }
        return messages(topic);
    }

    /** @return the topics published to so far */
    public synchronized Set<String> topics() {
        return Set.copyOf(published.keySet());
    }

    /** Forgets everything recorded, for instance between tests that share a context. */
    public synchronized void clear() {
        published.clear();
    }
}

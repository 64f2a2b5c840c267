package io.kincir.spring;

import io.kincir.Backend;
import io.kincir.KincirException;
import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.Publisher;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends objects as messages, and makes requests that wait for a reply.
 *
 * <p>Payloads: {@code byte[]} and {@code String} (UTF-8) go as they are, a {@link Message} unchanged
 * (with the given metadata added), anything else as JSON through the application's Jackson mapper,
 * with {@code content_type: application/json}.
 *
 * <p>Request/response: {@link #sendAndReceive} publishes the request with {@code reply_to} (the
 * template's reply topic, subscribed on first use through a private subscriber) and a fresh
 * {@code correlation_id} that starts with an id of this template; a {@link KincirListener} method's
 * return value is published there with the same id, and one thread of this template hands each reply
 * to its caller. Templates may share a reply topic, as an application's instances do with the starter's
 * default {@code <spring.application.name>.replies}, so that restarts do not leave a topic each on a
 * broker that keeps them: each template receives every reply and keeps its own. A reply that comes
 * after its caller gave up is logged and dropped. Thread-safe; {@link #close()} stops the reply thread.
 */
public class KincirTemplate implements AutoCloseable {

    private final Backend backend;
    private final Publisher publisher;
    private final PayloadConverter converter;
    private final String replyTopic;
    private final String correlationPrefix = UUID.randomUUID() + "/";
    private ReplyDispatcher replies;
    private boolean closed;

    /**
     * A template whose replies come to {@code kincir.replies.<random uuid>}.
     *
     * @param backend subscribes to the reply topic
     * @param publisher publishes what is sent
     * @param jsonMapper writes objects as JSON and reads replies
     */
    public KincirTemplate(Backend backend, Publisher publisher, JsonMapper jsonMapper) {
        this(backend, publisher, jsonMapper, "kincir.replies." + UUID.randomUUID());
    }

    /**
     * @param backend subscribes to the reply topic
     * @param publisher publishes what is sent
     * @param jsonMapper writes objects as JSON and reads replies
     * @param replyTopic the topic replies come to; other templates may use it too (each keeps its own)
     */
    public KincirTemplate(Backend backend, Publisher publisher, JsonMapper jsonMapper, String replyTopic) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.converter = new PayloadConverter(Objects.requireNonNull(jsonMapper, "jsonMapper"));
        this.replyTopic = Objects.requireNonNull(replyTopic, "replyTopic");
    }

    /**
     * @param topic the topic
     * @param payload the payload: bytes, text, a {@link Message}, or an object to send as JSON
     * @return the message as published (its uuid identifies it)
     * @throws io.kincir.MessageConversionException if the object cannot be written as JSON
     * @throws KincirException if the backend did not accept the message
     */
    public Message send(String topic, Object payload) {
        return send(topic, payload, Map.of());
    }

    /**
     * @param topic the topic
     * @param payload the payload: bytes, text, a {@link Message}, or an object to send as JSON
     * @param metadata metadata to add, such as {@code partition_key}
     * @return the message as published
     * @throws io.kincir.MessageConversionException if the object cannot be written as JSON
     * @throws KincirException if the backend did not accept the message
     */
    public Message send(String topic, Object payload, Map<String, String> metadata) {
        Message message = converter.toMessage(payload, metadata);
        publisher.publish(topic, message);
        return message;
    }

    /**
     * Publishes a request and waits for its reply.
     *
     * @param topic where the request goes; a listener there must return the reply
     * @param request the request payload, converted as by {@link #send}
     * @param replyType the reply's type: {@code byte[]}, {@code String}, {@link Message}, or a type read from JSON
     * @param timeout how long to wait for the reply
     * @param <R> the reply's type
     * @return the reply
     * @throws ReplyTimeoutException if no reply came in time; the message names the topic and the timeout
     * @throws io.kincir.MessageConversionException if the reply cannot be read as {@code replyType}
     * @throws KincirException if the request could not be published or replies could not be received
     */
    public <R> R sendAndReceive(String topic, Object request, Class<R> replyType, Duration timeout) {
        Objects.requireNonNull(replyType, "replyType");
        Objects.requireNonNull(timeout, "timeout");
        ReplyDispatcher dispatcher = replies();
        String correlationId = correlationPrefix + UUID.randomUUID();
        CompletableFuture<Message> reply = dispatcher.expect(correlationId);
        try {
            Map<String, String> metadata = new HashMap<>();
            metadata.put(MetadataKeys.REPLY_TO, replyTopic);
            metadata.put(MetadataKeys.CORRELATION_ID, correlationId);
            publisher.publish(topic, converter.toMessage(request, metadata));
            return converter.fromMessage(reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS), replyType);
        } catch (TimeoutException e) {
            throw new ReplyTimeoutException(topic, timeout, "No reply to the request sent to topic '" + topic
                    + "' came within " + timeout + " (correlation_id " + correlationId + ", reply_to " + replyTopic
                    + "). Check that a @KincirListener on '" + topic + "' runs and returns a value, or wait longer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KincirException("Interrupted while waiting for the reply to the request sent to topic '" + topic
                    + "'", e);
        } catch (ExecutionException e) {
            throw new KincirException("Receiving the reply to the request sent to topic '" + topic + "' failed: "
                    + e.getCause().getMessage(), e.getCause());
        } finally {
            dispatcher.forget(correlationId);
        }
    }

    /** @return the topic this template's replies come to */
    public String replyTopic() {
        return replyTopic;
    }

    private synchronized ReplyDispatcher replies() {
        if (closed) {
            throw new IllegalStateException("This KincirTemplate is closed");
        }
        if (replies == null || !replies.alive()) {
            replies = new ReplyDispatcher(backend, replyTopic, correlationPrefix);
        }
        return replies;
    }

    /** Stops receiving replies; requests waiting for one time out. Sending still works. */
    @Override
    public synchronized void close() {
        closed = true;
        if (replies != null) {
            replies.close();
            replies = null;
        }
    }
}

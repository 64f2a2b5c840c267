package io.kincir.spring;

import io.kincir.Backend;
import io.kincir.KincirException;
import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.Publisher;
import io.kincir.spi.Deadline;
import io.kincir.spring.observation.RequestObservation;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends objects as messages, and makes requests that wait for a reply.
 *
 * <p>Payloads: {@code byte[]} and {@code String} (UTF-8) go as they are, a {@link Message} unchanged
 * (with the given metadata added), anything else as JSON through the application's Jackson mapper,
 * with {@code content_type: application/json}. A {@code content_type} in the metadata, or an
 * application's {@link KincirMessageConverter} that supports the payload's type, chooses another
 * converter: the first of the application's converters that supports the content type and the type,
 * else the built-in ones.
 *
 * <p>Request/response: {@link #sendAndReceive} publishes the request with {@code reply_to} (the
 * template's reply topic, subscribed on first use through a private subscriber) and a fresh
 * {@code correlation_id} that starts with an id of this template; a {@link KincirListener} method's
 * return value is published there with the same id, and one thread of this template hands each reply
 * to its caller. Templates may share a reply topic, as an application's instances do with the starter's
 * default {@code kincir.replies.<spring.application.name>}, so that restarts do not leave a topic each on
 * a broker that keeps them: each template receives every reply and keeps its own. A reply that comes
 * after its caller gave up is logged and dropped. Listeners reply only to allowed reply topics, by
 * default those under {@link #REPLY_TOPIC_PREFIX}: a reply topic named otherwise must be allowed by the
 * answering application ({@code kincir.reply.allowed-topics}). Thread-safe; {@link #close()} stops the
 * reply thread and the threads that publish requests.
 */
public class KincirTemplate implements AutoCloseable {

    /**
     * The reserved prefix of reply topics: a template's default reply topic starts with it, and a
     * listener replies to a request's {@code reply_to} under it unless configured otherwise.
     */
    public static final String REPLY_TOPIC_PREFIX = "kincir.replies.";

    private final Backend backend;
    private final Publisher publisher;
    private final PayloadConverter converter;
    private final String replyTopic;
    private final String correlationPrefix = UUID.randomUUID() + "/";
    private ReplyDispatcher replies;
    private ExecutorService publishing;
    private volatile RequestObservation requestObservation = RequestObservation.NONE;
    private boolean closed;

    /**
     * A template whose replies come to {@code kincir.replies.<random uuid>}.
     *
     * @param backend subscribes to the reply topic
     * @param publisher publishes what is sent
     * @param jsonMapper writes objects as JSON and reads replies
     */
    public KincirTemplate(Backend backend, Publisher publisher, JsonMapper jsonMapper) {
        this(backend, publisher, jsonMapper, REPLY_TOPIC_PREFIX + UUID.randomUUID());
    }

    /**
     * @param backend subscribes to the reply topic
     * @param publisher publishes what is sent
     * @param jsonMapper writes objects as JSON and reads replies
     * @param replyTopic the topic replies come to; other templates may use it too (each keeps its own)
     */
    public KincirTemplate(Backend backend, Publisher publisher, JsonMapper jsonMapper, String replyTopic) {
        this(backend, publisher, jsonMapper, replyTopic, List.of());
    }

    /**
     * @param backend subscribes to the reply topic
     * @param publisher publishes what is sent
     * @param jsonMapper writes objects as JSON and reads replies
     * @param replyTopic the topic replies come to; other templates may use it too (each keeps its own)
     * @param converters the application's payload converters, asked before the built-in ones, in order
     */
    public KincirTemplate(Backend backend, Publisher publisher, JsonMapper jsonMapper, String replyTopic,
            List<KincirMessageConverter> converters) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.converter = new PayloadConverter(Objects.requireNonNull(converters, "converters"),
                Objects.requireNonNull(jsonMapper, "jsonMapper"));
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
     * @param metadata metadata to add, such as {@code partition_key}, or {@code content_type} to choose the
     *     converter
     * @return the message as published
     * @throws io.kincir.MessageConversionException if the object cannot be written, or no converter writes
     *     it as the {@code content_type} asked for
     * @throws KincirException if the backend did not accept the message
     */
    public Message send(String topic, Object payload, Map<String, String> metadata) {
        Message message = converter.toMessage(payload, metadata);
        publisher.publish(topic, message);
        return message;
    }

    /**
     * Publishes a request and waits for its reply, never longer than {@code timeout} from this call:
     * the first request's subscription to the reply topic, the publish and the wait for the reply all
     * count against it. The request is published on a thread of the template, so that a publish that
     * blocks (a broker that does not answer) cannot hold the caller past the timeout; it goes on in the
     * background, and a reply that comes after the caller gave up is dropped.
     *
     * @param topic where the request goes; a listener there must return the reply
     * @param request the request payload, converted as by {@link #send}
     * @param replyType the reply's type: {@code byte[]}, {@code String}, {@link Message}, or a type read from JSON
     * @param timeout the longest the call takes, counted from now
     * @param <R> the reply's type
     * @return the reply
     * @throws ReplyTimeoutException if no reply came in time; the message names the topic, the timeout, and
     *     what was still under way (the subscription, the publish, or the wait for the reply)
     * @throws io.kincir.MessageConversionException if the request cannot be written, or the reply read as
     *     {@code replyType}
     * @throws KincirException if the request could not be published or replies could not be received
     */
    public <R> R sendAndReceive(String topic, Object request, Class<R> replyType, Duration timeout) {
        return requestObservation.observe(topic, replyTopic, () -> exchange(topic, request, replyType, timeout));
    }

    private <R> R exchange(String topic, Object request, Class<R> replyType, Duration timeout) {
        Deadline deadline = Deadline.after(Objects.requireNonNull(timeout, "timeout"));
        Objects.requireNonNull(replyType, "replyType");
        ReplyDispatcher dispatcher = replies();
        String correlationId = correlationPrefix + UUID.randomUUID();
        Map<String, String> metadata = new HashMap<>();
        metadata.put(MetadataKeys.REPLY_TO, replyTopic);
        metadata.put(MetadataKeys.CORRELATION_ID, correlationId);
        Message message = converter.toMessage(request, metadata);
        CompletableFuture<Message> reply = dispatcher.expect(correlationId);
        try {
            awaitStep(dispatcher.subscribed(), deadline, topic, () -> new ReplyTimeoutException(topic, timeout,
                    "The request to topic '" + topic + "' was not sent: the subscription to the reply topic '"
                    + replyTopic + "' was not in place within " + timeout + " (it goes on for the next request). "
                    + "Check that the backend answers, or allow a longer timeout for the first request"));
            CompletableFuture<Void> published = CompletableFuture.runAsync(
                    requestObservation.inCurrentObservation(() -> publisher.publish(topic, message)), publishing);
            awaitStep(published, deadline, topic, () -> new ReplyTimeoutException(topic, timeout, "The request to "
                    + "topic '" + topic + "' was still being published " + timeout + " after the call (correlation_id "
                    + correlationId + "), so no reply could come in time; the publish goes on in the background, "
                    + "and a late reply is dropped. Check that the backend accepts messages, or wait longer"));
            Message answer;
            try {
                answer = awaitStep(reply, deadline, topic, () -> new ReplyTimeoutException(topic, timeout, "No reply "
                        + "to the request sent to topic '" + topic + "' came within " + timeout + " (correlation_id "
                        + correlationId + ", reply_to " + replyTopic + "). Check that a @KincirListener on '" + topic
                        + "' runs and returns a value, or wait longer"));
            } catch (KincirException e) {
                if (!reply.isCompletedExceptionally()) {
                    throw e;
                }
                throw new KincirException("No reply can come to the request sent to topic '" + topic + "': "
                        + e.getMessage(), e);
            }
            return converter.fromMessage(answer, replyType);
        } finally {
            dispatcher.forget(correlationId);
        }
    }

    /**
     * Reads a message's payload as a {@code @KincirListener} parameter of the type gets it: through the
     * first converter that supports the message's {@code content_type} and the type (the application's
     * converters before the built-in bytes, text and JSON ones).
     *
     * @param message a message
     * @param type the payload type
     * @param <T> the payload type
     * @return the payload
     * @throws io.kincir.MessageConversionException if no converter reads it as the type
     */
    public <T> T read(Message message, Class<T> type) {
        return converter.fromMessage(message, type);
    }

    /**
     * @return what the step completed with
     * @throws KincirException the step's own failure, or the one {@code timedOut} makes once the deadline passed
     */
    private static <T> T awaitStep(CompletableFuture<T> step, Deadline deadline, String topic,
            Supplier<ReplyTimeoutException> timedOut) {
        try {
            return step.get(Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw timedOut.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KincirException("Interrupted while making a request to topic '" + topic + "'", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof KincirException failure) {
                throw failure;
            }
            throw new KincirException("The request to topic '" + topic + "' failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * @param observation observes each {@link #sendAndReceive}, from the request's publish to the reply, and
     *     the receipt of each reply;
     *     {@link RequestObservation#NONE} by default. The Spring Boot starter sets it when observations are on.
     */
    public void setRequestObservation(RequestObservation observation) {
        this.requestObservation = Objects.requireNonNull(observation, "observation");
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
            replies = new ReplyDispatcher(backend, replyTopic, correlationPrefix, () -> requestObservation);
        }
        if (publishing == null) {
            publishing = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "kincir-requests-" + replyTopic);
                thread.setDaemon(true);
                return thread;
            });
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
        if (publishing != null) {
            publishing.shutdown();
            publishing = null;
        }
    }
}

package io.kincir.nats;

import io.kincir.KincirException;
import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.PublishException;
import io.kincir.Publisher;
import io.kincir.spi.MetadataLimits;
import io.kincir.spi.Names;
import io.kincir.spi.OptionalKeys;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes a batch with JetStream's asynchronous publishes and returns once the server acknowledged
 * every message: the batch streams out without a round trip per message, at most
 * {@code maxPublishesInFlight} unacknowledged at a time, and its acknowledgements are joined with one
 * deadline, {@code publishTimeout}; a single message is one synchronous publish. Thread-safe; publishes
 * from several threads share the connection.
 */
final class NatsPublisher implements Publisher {

    private final NatsBackend backend;

    NatsPublisher(NatsBackend backend) {
        this.backend = backend;
    }

    @Override
    public void publish(String topic, List<Message> messages) {
        Names.requireTopic(topic);
        Objects.requireNonNull(messages, "messages");
        String action = "publish to '" + topic + "'";
        backend.ensureOpen(action);
        if (messages.isEmpty()) {
            return;
        }
        OptionalKeys.require("NATS", backend.features(), topic, messages);
        try {
            send(topic, messages);
        } catch (RuntimeException e) {
            throw backend.explain(e, action);
        }
    }

    private void send(String topic, List<Message> messages) {
        String stream = NatsNames.stream(topic);
        List<Headers> headers = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            // Checked before anything is sent, so that a bad value fails the whole batch.
            MetadataLimits.require(topic, message, i, messages.size());
            MetadataKeys.duration(message, MetadataKeys.DELAY);
            MetadataKeys.duration(message, MetadataKeys.TTL);
            headers.add(MessageCodec.headers(message, stream));
        }
        Connection connection = backend.connection().get();
        requireWithinMaxPayload(topic, messages, headers, connection.getServerInfo().getMaxPayload());
        backend.streams().ensure(topic);
        JetStream jetStream = backend.connection().jetStream();
        String subject = NatsNames.subject(topic);
        PublishOptions options = PublishOptions.builder().expectedStream(stream)
                .streamTimeout(backend.settings().publishTimeout()).build();
        if (messages.size() == 1) {
            // One message gains nothing from the asynchronous path: a plain request costs one future less.
            try {
                jetStream.publish(subject, headers.get(0), messages.get(0).payload(), options);
                return;
            } catch (IOException | JetStreamApiException | RuntimeException e) {
                throw failed(topic, 1, 0, e);
            }
        }
        long deadline = System.nanoTime() + backend.settings().publishTimeout().toNanos();
        Deque<CompletableFuture<PublishAck>> inFlight = new ArrayDeque<>();
        int acknowledged = 0;
        for (int i = 0; i < messages.size(); i++) {
            if (inFlight.size() >= backend.settings().maxPublishesInFlight()) {
                await(inFlight.removeFirst(), deadline, topic, messages.size(), acknowledged++);
            }
            try {
                inFlight.addLast(jetStream.publishAsync(subject, headers.get(i), messages.get(i).payload(), options));
            } catch (RuntimeException e) {
                throw failed(topic, messages.size(), acknowledged, e);
            }
        }
        while (!inFlight.isEmpty()) {
            await(inFlight.removeFirst(), deadline, topic, messages.size(), acknowledged++);
        }
    }

    private void await(CompletableFuture<PublishAck> ack, long deadline, String topic, int count, int acknowledged) {
        try {
            ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new PublishException(topic, "NATS acknowledged " + acknowledged + " of " + count + " messages to topic '"
                    + topic + "' within " + backend.settings().publishTimeout() + " (publishTimeout). Some of the others "
                    + "may have been stored: publishing them again is safe within the stream's duplicate window (2 "
                    + "minutes by default), where the server drops a message whose uuid it already has for the topic", e);
        } catch (ExecutionException e) {
            throw failed(topic, count, acknowledged, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException(topic, "Interrupted while waiting for NATS to acknowledge the messages to topic '"
                    + topic + "'", e);
        }
    }

    private KincirException failed(String topic, int count, int acknowledged, Throwable cause) {
        // The stream may have been deleted since it was created: the next publish creates it again.
        backend.streams().forget(topic);
        return new PublishException(topic, "Publishing " + count + " messages to topic '" + topic + "' on NATS at "
                + backend.connection().servers() + " failed after " + acknowledged + " were acknowledged: "
                + LazyConnection.rootMessage(cause) + ". Publishing again is safe within the stream's duplicate window "
                + "(2 minutes by default), where the server drops a message whose uuid it already has for the topic",
                cause);
    }

    private static void requireWithinMaxPayload(String topic, List<Message> messages, List<Headers> headers,
            long maxPayload) {
        for (int i = 0; i < messages.size(); i++) {
            long size = (long) headers.get(i).serializedLength() + messages.get(i).payload().length;
            if (size > maxPayload) {
                throw new PublishException(topic, "Message " + messages.get(i).uuid() + " to topic '" + topic + "' is "
                        + size + " bytes with its headers, more than the NATS server's max_payload of " + maxPayload
                        + " bytes. Raise max_payload in the nats-server configuration file (for instance "
                        + "'max_payload: 8MB') or send smaller messages; nothing of the batch was published", null);
            }
        }
    }

    @Override
    public String toString() {
        return "NatsPublisher[" + backend.connection().servers() + "]";
    }
}

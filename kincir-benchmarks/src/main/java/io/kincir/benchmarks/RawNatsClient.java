package io.kincir.benchmarks;

import io.kincir.Message;
import io.nats.client.Connection;
import io.nats.client.ConsumerContext;
import io.nats.client.IterableConsumer;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamStatusCheckedException;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The raw jnats client as an application would use it by hand, with Kincir's NATS settings
 * ({@link NatsBroker}): the topic's stream and the group's durable pull consumer created as Kincir
 * creates them; a message published alone with a synchronous JetStream publish, a batch as
 * asynchronous publishes whose acknowledgements are then joined, each message with the deduplication
 * id Kincir gives it ({@code Nats-Msg-Id: <stream>:<uuid>}); a member that iterates over the consumer
 * with pulls of Kincir's size, acknowledging each message as it reads it.
 *
 * <p>What Kincir sends and this does not: the uuid once more, in header {@code Kincir-Uuid} (about 50
 * bytes a message).
 */
final class RawNatsClient implements BrokerClient {

    private static final long RECEIVE_TIMEOUT_MILLIS = 60_000;

    private final String stream;
    private final String subject;
    private final Connection connection;
    private final JetStream jetStream;
    private final JetStreamManagement management;
    private final PublishOptions options;
    private final ConsumerContext consumer;
    private IterableConsumer member;

    /** Creates the stream and the group's consumer, and joins once. */
    RawNatsClient(String topic, String group) throws Exception {
        this.stream = NatsBroker.stream(topic);
        this.subject = NatsBroker.subject(topic);
        this.connection = NatsBroker.connect("kincir-bench-raw");
        try {
            jetStream = connection.jetStream();
            management = connection.jetStreamManagement();
            NatsBroker.createStream(management, topic);
            consumer = connection.getStreamContext(stream).createOrUpdateConsumer(NatsBroker.consumer(group));
            options = PublishOptions.builder().expectedStream(stream).streamTimeout(NatsBroker.PUBLISH_TIMEOUT).build();
            join();
        } catch (Exception e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public void publish(List<Message> batch) throws Exception {
        if (batch.size() == 1) {
            Message message = batch.get(0);
            jetStream.publish(subject, headers(message), message.payload(), options);
            return;
        }
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>(batch.size());
        for (Message message : batch) {
            acks.add(jetStream.publishAsync(subject, headers(message), message.payload(), options));
        }
        long deadline = System.nanoTime() + NatsBroker.PUBLISH_TIMEOUT.toNanos();
        for (CompletableFuture<PublishAck> ack : acks) {
            ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    private Headers headers(Message message) {
        return new Headers().put(NatsBroker.MSG_ID, stream + ":" + message.uuid());
    }

    @Override
    public void join() throws IOException, JetStreamApiException {
        if (member == null) {
            member = consumer.iterate(NatsBroker.consumeOptions());
        }
    }

    @Override
    public long receive(int count) throws InterruptedException, JetStreamStatusCheckedException {
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            io.nats.client.Message message = member.nextMessage(RECEIVE_TIMEOUT_MILLIS);
            if (message == null) {
                throw new IllegalStateException("The raw NATS consumer received " + i + " of " + count + " messages of '"
                        + stream + "' and then none for " + RECEIVE_TIMEOUT_MILLIS + " ms");
            }
            bytes += message.getData().length;
            message.ack();
        }
        return bytes;
    }

    /**
     * Stops pulling and gives back with a nak what the member pulled and did not read, so that the
     * next member gets it at once rather than after the ack wait, as Kincir's subscriber does.
     */
    @Override
    public void leave() throws Exception {
        if (member == null) {
            return;
        }
        member.stop();
        io.nats.client.Message unread;
        while ((unread = member.nextMessage(1)) != null) {
            unread.nak();
        }
        member.close();
        member = null;
    }

    @Override
    public void purge() throws IOException, JetStreamApiException {
        management.purgeStream(stream);
    }

    /** Leaves, and deletes the stream with its consumer. */
    @Override
    public void close() throws IOException {
        try {
            leave();
            management.deleteStream(stream);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("Could not leave and delete stream '" + stream + "': " + e.getMessage(), e);
        } finally {
            try {
                connection.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

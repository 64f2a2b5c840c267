package io.kincir.nats;

import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The messages a closing member gives back to its group, so that another member gets them at once
 * rather than after the ack wait: kept while the member stops pulling, then handed to an open member of
 * the group in the same backend, or else nak'd once the server has dropped the closing member's pull
 * requests. A message given after {@link #release()}, which a late pull can still bring, is nak'd at
 * once. Thread-safe: the dispatcher thread, a receiving thread and the closing thread all give messages.
 *
 * <p>Why not just nak: nats-server 2.9 (observed on 2.9.10) loses a nak'd message that it can hand only
 * to pull requests nobody listens to any more. It takes the message off its redelivery queue, finds no
 * request to send it to, and steps its stream position back instead of queueing the message again: that
 * message waits for the ack wait, and the last one delivered goes out twice. A member's pull requests
 * stay queued there after it unsubscribes, until they expire or the server sweeps them. Hence: a
 * closing member naks only after the server swept its pull requests; it hands its messages to an open
 * member of this backend instead of naking while that one may be about to unsubscribe (as when a
 * listener's consumers stop together, or a backend closes its subscribers one after the other); and the
 * members of one backend close one at a time ({@link NatsBackend#closing()}), so that an open member
 * is not one half-way through unsubscribing. Members in other processes that close at the same instant
 * can still meet the loss. Newer servers queue the message again; there the sweep costs one request per
 * stream given back to.
 */
final class Returns {

    private static final System.Logger LOG = System.getLogger(Returns.class.getName());

    private final NatsBackend backend;
    private final String group;
    private final String consumer;
    private final Queue<io.nats.client.Message> kept = new ConcurrentLinkedQueue<>();
    private volatile boolean released;

    /**
     * @param group the group, or null for a private subscriber, whose messages are only nak'd
     * @param consumer the name of the consumer the messages came from
     */
    Returns(NatsBackend backend, String group, String consumer) {
        this.backend = backend;
        this.group = group;
        this.consumer = consumer;
    }

    /** Keeps the message, or naks it now if the returns were released. */
    void give(io.nats.client.Message message) {
        kept.add(message);
        if (released) {
            takeAll().forEach(io.nats.client.Message::nak);
        }
    }

    /**
     * Gives back every message kept: to an open member of the group, or else with a nak each after the
     * server swept the pull requests of the streams they came from; from now on every message given is
     * nak'd at once. Called by the closing member once it has unsubscribed its pulls.
     */
    void release() {
        List<io.nats.client.Message> toNak = takeAll().stream()
                .filter(message -> group == null || !backend.handOver(group, message))
                .toList();
        if (group != null) {
            toNak.stream().map(message -> message.metaData().getStream()).distinct().forEach(this::sweepPullRequests);
        }
        toNak.forEach(io.nats.client.Message::nak);
        released = true;
        takeAll().forEach(io.nats.client.Message::nak);
    }

    /**
     * Makes the server drop the closing member's pull requests of a stream, which it keeps until they
     * expire although the member unsubscribed from their replies: reading the consumer's info does it,
     * since the server checks every waiting pull request for interest before it counts them. Neither
     * unsubscribing alone nor a final no-wait pull does it on nats-server 2.9, which answers a no-wait
     * pull with nothing pending without looking at the waiting requests.
     */
    private void sweepPullRequests(String stream) {
        try {
            backend.connection().management().getConsumerInfo(stream, consumer);
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "Could not read consumer '" + consumer + "' of stream '" + stream
                    + "' before giving back its messages: " + e);
        }
    }

    private List<io.nats.client.Message> takeAll() {
        List<io.nats.client.Message> taken = new ArrayList<>();
        io.nats.client.Message message;
        while ((message = kept.poll()) != null) {
            taken.add(message);
        }
        return taken;
    }
}

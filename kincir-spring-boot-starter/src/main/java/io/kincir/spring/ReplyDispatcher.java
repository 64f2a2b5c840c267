package io.kincir.spring;

import io.kincir.Backend;
import io.kincir.KincirException;
import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.Subscriber;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that receives a template's replies and completes the caller waiting for each, by
 * {@code correlation_id}. It owns its subscriber (a private group on the reply topic): it alone
 * receives and closes it; {@link #close()} only interrupts its wait.
 *
 * <p>Several templates (an application's instances) may share a reply topic: each receives every
 * reply and keeps those whose correlation id starts with its own prefix.
 */
final class ReplyDispatcher implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyDispatcher.class);

    private final String replyTopic;
    private final String correlationPrefix;
    private final Subscriber subscriber;
    private final ConcurrentHashMap<String, CompletableFuture<Message>> waiting = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean finished;

    /** Subscribes to the reply topic (so no reply published from now on is missed) and starts the thread. */
    ReplyDispatcher(Backend backend, String replyTopic, String correlationPrefix) {
        this.replyTopic = replyTopic;
        this.correlationPrefix = correlationPrefix;
        this.subscriber = backend.subscriber();
        try {
            subscriber.subscribe(replyTopic);
        } catch (RuntimeException e) {
            subscriber.close();
            throw new KincirException("Cannot subscribe to the reply topic '" + replyTopic + "': " + e.getMessage(), e);
        }
        this.thread = new Thread(this, "kincir-replies-" + replyTopic);
        thread.setDaemon(true);
        thread.start();
    }

    /** @return completes with the reply that carries this correlation id */
    CompletableFuture<Message> expect(String correlationId) {
        CompletableFuture<Message> reply = new CompletableFuture<>();
        waiting.put(correlationId, reply);
        return reply;
    }

    void forget(String correlationId) {
        waiting.remove(correlationId);
    }

    /** @return whether the thread still receives replies */
    boolean alive() {
        return !finished;
    }

    @Override
    public void run() {
        try {
            while (!closed) {
                Optional<Message> reply = subscriber.receive(Duration.ofSeconds(1));
                reply.ifPresent(this::dispatch);
            }
        } catch (InterruptedException e) {
            // close() interrupts the wait; nothing else does.
        } catch (RuntimeException e) {
            LOG.warn("Receiving replies on topic '{}' failed; waiting requests fail with it", replyTopic, e);
            waiting.values().forEach(reply -> reply.completeExceptionally(e));
        } finally {
            finished = true;
            subscriber.close();
        }
    }

    private void dispatch(Message reply) {
        String correlationId = reply.metadata(MetadataKeys.CORRELATION_ID).orElse(null);
        if (correlationId != null && !correlationId.startsWith(correlationPrefix)) {
            LOG.debug("Reply {} on topic '{}' is for another template sharing the topic", reply.uuid(), replyTopic);
            return;
        }
        CompletableFuture<Message> caller = correlationId == null ? null : waiting.remove(correlationId);
        if (caller == null) {
            LOG.warn("Dropped reply {} on topic '{}': no request is waiting for correlation_id {} (it timed out, "
                    + "or the reply carries none)", reply.uuid(), replyTopic, correlationId);
            return;
        }
        caller.complete(reply);
    }

    void close() {
        closed = true;
        thread.interrupt();
        try {
            TimeUnit.SECONDS.timedJoin(thread, 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

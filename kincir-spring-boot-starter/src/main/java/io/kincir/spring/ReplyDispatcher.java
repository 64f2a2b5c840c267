package io.kincir.spring;

import io.kincir.Backend;
import io.kincir.BrokerShutdownException;
import io.kincir.KincirException;
import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.Subscriber;
import io.kincir.listener.RetryPolicy;
import io.kincir.spring.observation.RequestObservation;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that receives a template's replies and completes the caller waiting for each, by
 * {@code correlation_id}. It owns its subscriber (a private group on the reply topic): it alone
 * subscribes, receives and closes it; {@link #close()} only interrupts its wait. It subscribes on its
 * own thread, so that a caller can stop waiting for a slow subscription at its deadline.
 *
 * <p>Several templates (an application's instances) may share a reply topic: each receives every
 * reply and keeps those whose correlation id starts with its own prefix.
 *
 * <p>A failed receive is taken for a passing fault of the connection, which the backends' clients
 * recover from: the thread receives again after a back-off (0.1 s, doubling up to 5 s), and after
 * {@value #RESUBSCRIBE_AFTER} failures in a row it replaces the subscriber, in case that one is broken
 * for good. Waiting callers keep waiting, each until its own deadline; a reply published while no
 * subscriber was in place is lost, and its caller times out. Only a closed backend
 * ({@link BrokerShutdownException}) ends the thread: every waiting caller then fails with it.
 */
final class ReplyDispatcher implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyDispatcher.class);

    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);
    private static final RetryPolicy BACKOFF =
            RetryPolicy.of(Integer.MAX_VALUE, Duration.ofMillis(100), 2.0, Duration.ofSeconds(5));
    static final int RESUBSCRIBE_AFTER = 3;

    private final Backend backend;
    private final String replyTopic;
    private final String correlationPrefix;
    private final Supplier<RequestObservation> observation;
    private final ConcurrentHashMap<String, CompletableFuture<Message>> waiting = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
    private final Thread thread;
    private Subscriber subscriber;
    private volatile boolean closed;
    private volatile boolean finished;

    /**
     * Starts the thread, which subscribes to the reply topic first; {@link #subscribed()} says when it has.
     * {@code observation} observes each reply handed to its caller (the template's, current at the time).
     */
    ReplyDispatcher(Backend backend, String replyTopic, String correlationPrefix,
            Supplier<RequestObservation> observation) {
        this.backend = backend;
        this.replyTopic = replyTopic;
        this.correlationPrefix = correlationPrefix;
        this.observation = observation;
        this.thread = new Thread(this, "kincir-replies-" + replyTopic);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * @return completes once the subscription is in place, so that no reply published from then on is
     *     missed; fails with a {@link KincirException} if the first subscription failed
     */
    CompletableFuture<Void> subscribed() {
        return subscribed;
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

    /** @return whether the thread still receives replies, or is about to */
    boolean alive() {
        return !finished;
    }

    @Override
    public void run() {
        try {
            try {
                subscriber = subscribe();
            } catch (RuntimeException e) {
                subscribed.completeExceptionally(new KincirException("Cannot subscribe to the reply topic '" + replyTopic
                        + "': " + e.getMessage(), e));
                return;
            }
            subscribed.complete(null);
            receiveUntilClosed();
        } catch (InterruptedException e) {
            // close() interrupts the wait; nothing else does.
        } catch (BrokerShutdownException e) {
            LOG.warn("Receiving replies on topic '{}' stopped: {}", replyTopic, e.getMessage());
            KincirException ended = new KincirException("This template cannot receive replies any more on topic '"
                    + replyTopic + "': " + e.getMessage() + ". The next request subscribes again", e);
            waiting.values().forEach(reply -> reply.completeExceptionally(ended));
        } finally {
            finished = true;
            subscribed.completeExceptionally(new KincirException("The template closed before its reply subscription "
                    + "on topic '" + replyTopic + "' was in place"));
            closeSubscriber();
        }
    }

    private void receiveUntilClosed() throws InterruptedException {
        int failures = 0;
        while (!closed) {
            try {
                if (subscriber == null) {
                    subscriber = subscribe();
                }
                Optional<Message> reply = subscriber.receive(POLL_TIMEOUT);
                failures = 0;
                reply.ifPresent(this::dispatch);
            } catch (BrokerShutdownException e) {
                throw e;
            } catch (RuntimeException e) {
                failures++;
                Duration backoff = BACKOFF.backoffAfter(failures);
                LOG.warn("Receiving replies on topic '{}' failed ({} in a row); trying again in {}, and {} waiting "
                        + "requests keep waiting until their own timeouts: {}", replyTopic, failures, backoff,
                        waiting.size(), e.toString());
                if (failures % RESUBSCRIBE_AFTER == 0) {
                    closeSubscriber();
                }
                TimeUnit.NANOSECONDS.sleep(backoff.toNanos());
            }
        }
    }

    private Subscriber subscribe() {
        Subscriber fresh = backend.subscriber();
        try {
            fresh.subscribe(replyTopic);
            return fresh;
        } catch (RuntimeException e) {
            fresh.close();
            throw e;
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
        observation.get().observeReply(replyTopic, reply, () -> caller.complete(reply));
    }

    private void closeSubscriber() {
        if (subscriber == null) {
            return;
        }
        try {
            subscriber.close();
        } catch (RuntimeException e) {
            LOG.warn("Could not close the subscriber of reply topic '{}'", replyTopic, e);
        }
        subscriber = null;
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

package io.kincir.spring;

import io.kincir.AckSubscriber;
import io.kincir.Backend;
import io.kincir.BackendHealth;
import io.kincir.Message;
import io.kincir.Publisher;
import io.kincir.Subscriber;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real backend whose plain subscribers fail their next receives, once told to, with a given
 * exception, and receive normally again after that: a reply subscriber's connection that drops
 * for a moment, or a backend closed under it.
 */
final class ReceiveFailingBackend implements Backend {

    private final Backend delegate;
    private final AtomicInteger toFail = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile RuntimeException failure;

    ReceiveFailingBackend(Backend delegate) {
        this.delegate = delegate;
    }

    /** The next {@code count} receives of any plain subscriber throw {@code failure}. */
    void failNextReceives(RuntimeException failure, int count) {
        this.failure = failure;
        toFail.set(count);
    }

    /** @return how many receives failed so far */
    int failed() {
        return failed.get();
    }

    @Override
    public Publisher publisher() {
        return delegate.publisher();
    }

    @Override
    public Subscriber subscriber() {
        return failing(delegate.subscriber());
    }

    @Override
    public Subscriber subscriber(String group) {
        return failing(delegate.subscriber(group));
    }

    @Override
    public AckSubscriber ackSubscriber(String group) {
        return delegate.ackSubscriber(group);
    }

    @Override
    public BackendHealth health() {
        return delegate.health();
    }

    /** Leaves the real backend open: it belongs to the test's application context. */
    @Override
    public void close() {
    }

    private Subscriber failing(Subscriber subscriber) {
        return new Subscriber() {
            @Override
            public void subscribe(String topic) {
                subscriber.subscribe(topic);
            }

            @Override
            public Message receive() throws InterruptedException {
                return receive(Duration.ofDays(1)).orElseThrow();
            }

            @Override
            public Optional<Message> receive(Duration timeout) throws InterruptedException {
                if (toFail.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                    failed.incrementAndGet();
                    throw failure;
                }
                return subscriber.receive(timeout);
            }

            @Override
            public void close() {
                subscriber.close();
            }
        };
    }
}

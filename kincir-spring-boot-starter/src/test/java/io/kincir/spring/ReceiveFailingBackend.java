package io.kincir.spring;

import io.kincir.AckSubscriber;
import io.kincir.Backend;
import io.kincir.BackendHealth;
import io.kincir.Delivery;
import io.kincir.Message;
import io.kincir.Publisher;
import io.kincir.Subscriber;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real backend whose subscribers fail to receive when a test says so, while its health still says
 * what the real one says: plain subscribers fail their next receives with a given exception and then
 * receive normally again (a reply subscriber's connection that drops for a moment, or a backend closed
 * under it); ack subscribers fail every receive from a given moment (a listener's consumers ended for
 * good). Closing it closes the real backend.
 */
public final class ReceiveFailingBackend implements Backend {

    private final Backend delegate;
    private final AtomicInteger toFail = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile RuntimeException failure;
    private volatile RuntimeException ackFailure;

    /** @param delegate the real backend */
    public ReceiveFailingBackend(Backend delegate) {
        this.delegate = delegate;
    }

    /** The next {@code count} receives of any plain subscriber throw {@code failure}. */
    void failNextReceives(RuntimeException failure, int count) {
        this.failure = failure;
        toFail.set(count);
    }

    /** @return how many receives of plain subscribers failed so far */
    int failed() {
        return failed.get();
    }

    /** Every receive of every ack subscriber throws {@code failure} from now on. */
    public void failAckReceives(RuntimeException failure) {
        ackFailure = failure;
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
        AckSubscriber subscriber = delegate.ackSubscriber(group);
        return new AckSubscriber() {
            @Override
            public void subscribe(String topic) {
                subscriber.subscribe(topic);
            }

            @Override
            public Delivery receive() throws InterruptedException {
                return receive(Duration.ofDays(1)).orElseThrow();
            }

            @Override
            public Optional<Delivery> receive(Duration timeout) throws InterruptedException {
                RuntimeException ending = ackFailure;
                if (ending != null) {
                    throw ending;
                }
                return subscriber.receive(timeout);
            }

            @Override
            public void close() {
                subscriber.close();
            }
        };
    }

    @Override
    public BackendHealth health() {
        return delegate.health();
    }

    @Override
    public void close() {
        delegate.close();
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

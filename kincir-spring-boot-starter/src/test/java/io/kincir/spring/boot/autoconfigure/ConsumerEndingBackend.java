package io.kincir.spring.boot.autoconfigure;

import io.kincir.AckSubscriber;
import io.kincir.Backend;
import io.kincir.BackendHealth;
import io.kincir.BrokerShutdownException;
import io.kincir.Delivery;
import io.kincir.Publisher;
import io.kincir.Subscriber;
import java.time.Duration;
import java.util.Optional;

/**
 * A real backend whose ack subscribers, once {@link #endConsumers} is set, fail every receive with
 * {@link BrokerShutdownException}, which ends a listener's consumer threads for good, while its health
 * still says UP: the listener is then short of consumers and only the listener summary can tell.
 */
final class ConsumerEndingBackend implements Backend {

    private final Backend delegate;
    volatile boolean endConsumers;

    ConsumerEndingBackend(Backend delegate) {
        this.delegate = delegate;
    }

    @Override
    public Publisher publisher() {
        return delegate.publisher();
    }

    @Override
    public Subscriber subscriber() {
        return delegate.subscriber();
    }

    @Override
    public Subscriber subscriber(String group) {
        return delegate.subscriber(group);
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
                if (endConsumers) {
                    throw new BrokerShutdownException("The test ended this consumer");
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
}

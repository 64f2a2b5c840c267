package io.kincir.benchmarks;

import io.kincir.Backend;
import io.kincir.Message;
import io.kincir.Publisher;
import io.kincir.Subscriber;
import java.util.List;

/** Kincir's side of a broker benchmark: a backend's publisher and one subscriber of a group. */
final class KincirBrokerClient implements BrokerClient {

    private final Backend backend;
    private final String topic;
    private final Publisher publisher;
    private final Subscriber subscriber;
    private final Runnable purge;
    private final Runnable cleanUp;

    /**
     * Subscribes at once, so that what is published from now on is kept for the group.
     *
     * @param purge drops what the group's queue holds (see {@link BrokerClient#purge()})
     * @param cleanUp removes what the benchmark declared on the broker, before the backend closes
     */
    KincirBrokerClient(Backend backend, String topic, String group, Runnable purge, Runnable cleanUp) {
        this.backend = backend;
        this.topic = topic;
        this.publisher = backend.publisher();
        this.subscriber = backend.subscriber(group);
        this.purge = purge;
        this.cleanUp = cleanUp;
        subscriber.subscribe(topic);
    }

    @Override
    public void publish(List<Message> batch) {
        // A single message goes through the single-message method, as an application would send it.
        if (batch.size() == 1) {
            publisher.publish(topic, batch.get(0));
        } else {
            publisher.publish(topic, batch);
        }
    }

    @Override
    public long receive(int count) throws InterruptedException {
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            bytes += subscriber.receive().payload().length;
        }
        return bytes;
    }

    @Override
    public void purge() {
        purge.run();
    }

    @Override
    public void close() {
        subscriber.close();
        try {
            cleanUp.run();
        } finally {
            backend.close();
        }
    }
}

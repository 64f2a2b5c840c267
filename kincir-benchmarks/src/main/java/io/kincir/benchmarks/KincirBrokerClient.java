package io.kincir.benchmarks;

import io.kincir.Backend;
import io.kincir.Message;
import io.kincir.Publisher;
import io.kincir.Subscriber;
import java.util.List;

/** Kincir's side of a broker benchmark: a backend's publisher and a subscriber of a group. */
final class KincirBrokerClient implements BrokerClient {

    private final Backend backend;
    private final String topic;
    private final String group;
    private final Publisher publisher;
    private final Runnable purge;
    private final Runnable cleanUp;
    private Subscriber subscriber;

    /**
     * Joins once, so that the group exists (on RabbitMQ its queue keeps what is published from now on).
     *
     * @param purge drops what the group's queue holds (see {@link BrokerClient#purge()})
     * @param cleanUp removes what the benchmark declared on the broker, before the backend closes
     */
    KincirBrokerClient(Backend backend, String topic, String group, Runnable purge, Runnable cleanUp) {
        this.backend = backend;
        this.topic = topic;
        this.group = group;
        this.publisher = backend.publisher();
        this.purge = purge;
        this.cleanUp = cleanUp;
        join();
    }

    @Override
    public void publish(List<Message> batch) {
        KincirTransport.publish(publisher, topic, batch);
    }

    @Override
    public void join() {
        if (subscriber == null) {
            subscriber = backend.subscriber(group);
            subscriber.subscribe(topic);
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
    public void leave() {
        if (subscriber != null) {
            subscriber.close();
            subscriber = null;
        }
    }

    @Override
    public void purge() {
        purge.run();
    }

    @Override
    public void close() {
        leave();
        try {
            cleanUp.run();
        } finally {
            backend.close();
        }
    }
}

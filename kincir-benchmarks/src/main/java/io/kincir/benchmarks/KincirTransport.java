package io.kincir.benchmarks;

import io.kincir.BrokerShutdownException;
import io.kincir.Message;
import io.kincir.Publisher;
import io.kincir.Subscriber;
import io.kincir.memory.InMemoryBroker;
import io.kincir.memory.InMemoryConfig;
import java.util.ArrayList;
import java.util.List;

/** Kincir's in-memory broker: one topic, a named group per topology group, a subscriber per member. */
final class KincirTransport implements Transport {

    private static final String TOPIC = "bench";

    private final InMemoryBroker broker;
    private final Publisher publisher;
    private final List<Receiver> receivers = new ArrayList<>();

    KincirTransport(Topology topology, InMemoryConfig config) {
        broker = new InMemoryBroker(config);
        publisher = broker.publisher();
        for (int group = 0; group < topology.groups; group++) {
            for (int member = 0; member < topology.membersPerGroup; member++) {
                Subscriber subscriber = broker.subscriber("group-" + group);
                subscriber.subscribe(TOPIC);
                receivers.add(new SubscriberReceiver(group, subscriber));
            }
        }
    }

    InMemoryBroker broker() {
        return broker;
    }

    @Override
    public void send(List<Message> batch) {
        publish(publisher, TOPIC, batch);
    }

    /** Publishes as an application would: a single message through the single-message method. */
    static void publish(Publisher publisher, String topic, List<Message> batch) {
        if (batch.size() == 1) {
            publisher.publish(topic, batch.get(0));
        } else {
            publisher.publish(topic, batch);
        }
    }

    @Override
    public List<Receiver> receivers() {
        return receivers;
    }

    /** A graceful shutdown: receivers drain what is left, then get {@link BrokerShutdownException}. */
    @Override
    public void close() {
        broker.shutdown();
    }

    private record SubscriberReceiver(int group, Subscriber subscriber) implements Receiver {

        @Override
        public Message next() throws InterruptedException {
            try {
                return subscriber.receive();
            } catch (BrokerShutdownException closed) {
                // Closed here, by the receiving thread: a subscriber is used by one thread at a time.
                subscriber.close();
                return null;
            }
        }
    }
}

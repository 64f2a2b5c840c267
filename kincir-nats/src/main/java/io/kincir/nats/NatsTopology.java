package io.kincir.nats;

import io.kincir.KincirException;
import io.kincir.Topology;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the JetStream streams Kincir made (any backend's, found by their {@code kincir.} subjects and
 * {@code kincir-} names) and their consumers for {@link NatsBackend#brokerTopology()}: one request for the
 * streams, one per stream for its consumers. A topic's depth is the messages its stream keeps; a
 * group's pending count is what its durable consumer has yet to deliver plus what it delivered and
 * awaits an acknowledgement for. A private subscriber's consumer shows under its own name
 * ({@code _private-…}).
 */
final class NatsTopology {

    private NatsTopology() {
    }

    static Topology read(LazyConnection connection) {
        JetStreamManagement management = connection.management();
        try {
            List<Topology.Topic> topics = new ArrayList<>();
            for (StreamInfo stream : management.getStreams(NatsNames.anySubject())) {
                String name = stream.getConfiguration().getName();
                String topic = NatsNames.topicOf(name);
                if (topic == null) {
                    continue;
                }
                List<Topology.Group> groups = new ArrayList<>();
                for (ConsumerInfo consumer : management.getConsumers(name)) {
                    groups.add(new Topology.Group(group(consumer.getName()),
                            consumer.getNumPending() + consumer.getNumAckPending()));
                }
                topics.add(new Topology.Topic(topic, stream.getStreamState().getMsgCount(), groups));
            }
            return Topology.of("JetStream: the streams Kincir made and their consumers", topics);
        } catch (IOException | JetStreamApiException e) {
            throw new KincirException("Could not read the JetStream streams and consumers on NATS at "
                    + connection.servers() + ": " + LazyConnection.rootMessage(e), e);
        }
    }

    private static String group(String consumer) {
        try {
            return NatsNames.decode(consumer);
        } catch (IllegalArgumentException notAGroup) {
            return consumer;
        }
    }
}

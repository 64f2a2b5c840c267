package io.kincir.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.Message;
import io.kincir.Subscriber;
import io.kincir.Topology;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@link io.kincir.Backend#brokerTopology()}: a group subscribed to a topic is in the topology, on that topic,
 * on every backend that can tell; one that cannot says so ({@link Topology#known()} false, with a note
 * saying why), and its tests are reported as skipped with that note.
 */
public abstract class TopologyConformance extends BackendConformance {

    @Test
    void aGroupSubscribedToATopicIsInTheTopology() throws InterruptedException {
        String topic = newTopic();
        String group = newGroup();
        try (Subscriber subscriber = backend.subscriber(group)) {
            subscriber.subscribe(topic);
            backend.publisher().publish(topic, Message.of("seen"));
            receive(subscriber, 1);

            Topology topology = knownTopology();

            assertThat(topology.topic(topic)).as("topic %s in %s", topic, topology).hasValueSatisfying(
                    found -> assertThat(found.group(group)).as("group %s on %s", group, found).isPresent());
        }
    }

    @Test
    void aTopicNobodyUsedIsNotInTheTopology() {
        String topic = newTopic();

        assertThat(knownTopology().topic(topic)).isEmpty();
    }

    @Test
    void aTopologyThatIsNotKnownSaysWhy() {
        Topology topology = backend.brokerTopology();
        Assumptions.assumeFalse(topology.known(), "the backend tells its topology");

        assertThat(topology.note()).isNotBlank();
        assertThat(topology.topics()).isEmpty();
    }

    private Topology knownTopology() {
        Topology topology = backend.brokerTopology();
        Assumptions.assumeTrue(topology.known(), () -> backend.getClass().getSimpleName()
                + " cannot tell its topics and groups: " + topology.note());
        return topology;
    }
}

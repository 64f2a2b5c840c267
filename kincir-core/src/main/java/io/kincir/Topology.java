package io.kincir;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a backend's broker knows of Kincir's topics and the groups consuming them, as
 * {@link Backend#brokerTopology()} reads it at one moment: for operators (the Actuator endpoint shows it),
 * not for program logic. A backend that cannot tell says so with {@link #unknown(String)}, and the
 * note says why.
 *
 * @param known whether the backend could tell; when not, {@code topics} is empty
 * @param note where the topology came from, or why it is not known
 * @param topics Kincir's topics the broker has, by name
 */
public record Topology(boolean known, String note, List<Topic> topics) {

    /** @throws NullPointerException if the note or a topic is missing */
    public Topology {
        Objects.requireNonNull(note, "note");
        topics = List.copyOf(topics);
    }

    /**
     * @param note where the topology came from, such as {@code "Kafka Admin: topics and consumer groups"}
     * @param topics the topics the broker has
     * @return a known topology
     */
    public static Topology of(String note, List<Topic> topics) {
        return new Topology(true, note, topics.stream().sorted((a, b) -> a.name().compareTo(b.name())).toList());
    }

    /**
     * @param why why the backend cannot tell, such as "AMQP 0-9-1 cannot list queues"
     * @return a topology that is not known
     */
    public static Topology unknown(String why) {
        return new Topology(false, why, List.of());
    }

    /**
     * @param name a topic
     * @return the topic, if the broker has it
     */
    public Optional<Topic> topic(String name) {
        return topics.stream().filter(topic -> topic.name().equals(name)).findFirst();
    }

    /**
     * One topic.
     *
     * @param name the topic, as Kincir names it
     * @param depth how many messages the broker keeps for it, or {@code null} where that is not cheap to know
     * @param groups the groups (or consumers) the broker knows on it, by name
     */
    public record Topic(String name, Long depth, List<Group> groups) {

        /** @throws NullPointerException if the name or a group is missing */
        public Topic {
            Objects.requireNonNull(name, "name");
            groups = groups.stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
        }

        /**
         * @param name a group
         * @return the group, if the broker knows it on this topic
         */
        public Optional<Group> group(String name) {
            return groups.stream().filter(group -> group.name().equals(name)).findFirst();
        }
    }

    /**
     * One group on a topic.
     *
     * @param name the group, as Kincir names it where the backend can map the broker's name back, else
     *     the broker's name
     * @param pending how many of the topic's messages the group has yet to acknowledge (waiting or
     *     delivered), or {@code null} where that is not cheap to know
     */
    public record Group(String name, Long pending) {

        /** @throws NullPointerException if the name is missing */
        public Group {
            Objects.requireNonNull(name, "name");
        }
    }
}

package io.kincir;

/**
 * A messaging backend: the in-memory broker, Kafka or RabbitMQ, each in a module of its own.
 * Every backend gives the same semantics (see {@link Publisher}, {@link Subscriber},
 * {@link AckSubscriber}), so an application switches backend without changing code.
 */
public interface Backend extends AutoCloseable {

    /** @return a thread-safe publisher; may be the same instance on every call */
    Publisher publisher();

    /** @return a subscriber in a new private, non-durable group of one */
    Subscriber subscriber();

    /**
     * @param group the group name, as {@link io.kincir.spi.Names} allows
     * @return a new member of the named, durable group
     */
    Subscriber subscriber(String group);

    /**
     * @param group the group name, as {@link io.kincir.spi.Names} allows
     * @return a new member of the named, durable group that acknowledges explicitly
     */
    AckSubscriber ackSubscriber(String group);

    /** @return whether the backend is reachable, with details; never throws */
    BackendHealth health();

    /**
     * @return what this backend offers beyond the shared semantics; by default nothing optional, with
     *     order kept per {@code partition_key}
     */
    default Features features() {
        return Features.builder().build();
    }

    /**
     * Reads what the broker knows of Kincir's topics and their groups, for operators. It asks the broker
     * (one or a few requests), so it is not for a hot path; it never creates anything.
     *
     * @return the topics and groups, or {@link Topology#unknown(String)} where the backend cannot tell;
     *     by default not known, so that a backend written before this method keeps compiling
     * @throws KincirException if the broker could not be asked
     */
    default Topology brokerTopology() {
        return Topology.unknown(getClass().getSimpleName() + " does not tell its topics and groups");
    }

    /** Releases the backend's connections and threads. */
    @Override
    void close();
}

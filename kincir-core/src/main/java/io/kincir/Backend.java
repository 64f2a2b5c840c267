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

    /** Releases the backend's connections and threads. */
    @Override
    void close();
}

package io.kincir.fault;

/**
 * A broker of a fault test's own, which the test may stop and start again: never the server other
 * tests share, since they run at the same time. A backend's test-jar implements it over a server
 * process of its own (nats-server, redis-server, a RabbitMQ node) or a broker in the test JVM (Kafka),
 * with its data kept on disk across a restart, on the same port.
 */
public interface BrokerUnderTest extends AutoCloseable {

    /** @return the host clients connect to */
    String host();

    /** @return the port clients connect to; the same after a restart */
    int port();

    /**
     * Stops the broker as an operator restarting it would (a graceful shutdown, keeping its data), and
     * returns once it no longer accepts connections.
     */
    void stop();

    /** Starts the broker again, on the same port and data, and returns once it accepts clients. */
    void start();

    /**
     * Opens a proxy that clients connect through, so that a test can cut their connections. By default
     * a {@link TcpProxy} on a free port forwarding to {@link #host()}:{@link #port()}; a broker that
     * tells its clients its own address (a Kafka broker advertises its listeners) overrides this to
     * forward to a listener that advertises the proxy's port instead.
     *
     * @return a proxy the caller closes
     */
    default TcpProxy openProxy() {
        return TcpProxy.open(host(), port());
    }

    /** Stops the broker for good and deletes what it kept. */
    @Override
    void close();
}

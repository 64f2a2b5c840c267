package io.kincir.rabbitmq;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.kincir.conformance.ExternalServer;
import io.kincir.conformance.SharedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

/**
 * The RabbitMQ server the tests use (127.0.0.1:5672, guest/guest), and the backends a test made, so
 * that what they declared is deleted afterwards and the server does not fill up across runs.
 */
final class TestRabbit implements SharedServer {

    private final CachingConnectionFactory connectionFactory = newConnectionFactory();
    private final List<RabbitBackend> backends = new CopyOnWriteArrayList<>();
    private Connection inspector;

    static CachingConnectionFactory newConnectionFactory() {
        ExternalServer server = ExternalServer.RABBITMQ;
        CachingConnectionFactory factory = new CachingConnectionFactory(server.host(), server.port());
        factory.setUsername("guest");
        factory.setPassword("guest");
        return factory;
    }

    /** @return a builder on the shared connection factory, after checking that the server runs */
    RabbitBackend.Builder builder() {
        ExternalServer.RABBITMQ.require();
        return RabbitBackend.builder().connectionFactory(connectionFactory);
    }

    /** @return a backend with default settings, cleaned up by {@link #deleteDeclared()} */
    RabbitBackend backend() {
        return track(builder().build());
    }

    RabbitBackend track(RabbitBackend backend) {
        backends.add(backend);
        return backend;
    }

    /**
     * @return a plain client connection of the test's own, opened on first use and closed with this,
     *     to inspect the server with passive declares and basic.get (no management plugin needed)
     */
    Connection inspector() throws IOException, TimeoutException {
        if (inspector == null) {
            ExternalServer.RABBITMQ.require();
            ConnectionFactory factory = new ConnectionFactory();
            factory.setHost(ExternalServer.RABBITMQ.host());
            factory.setPort(ExternalServer.RABBITMQ.port());
            inspector = factory.newConnection("kincir-test-inspector");
        }
        return inspector;
    }

    CachingConnectionFactory connectionFactory() {
        return connectionFactory;
    }

    /** Deletes the exchanges and queues every tracked backend declared. */
    void deleteDeclared() {
        for (RabbitBackend backend : backends) {
            backend.close();
            backend.deleteDeclared();
        }
        backends.clear();
    }

    /** {@link #deleteDeclared()}, after each test when this is registered as an extension. */
    @Override
    public void clean() {
        deleteDeclared();
    }

    @Override
    public void close() {
        try {
            deleteDeclared();
            connectionFactory.destroy();
        } finally {
            if (inspector != null && inspector.isOpen()) {
                try {
                    inspector.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}

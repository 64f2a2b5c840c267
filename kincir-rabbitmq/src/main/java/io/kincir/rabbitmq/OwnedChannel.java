package io.kincir.rabbitmq;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import io.kincir.AuthenticationFailedException;
import io.kincir.BackendUnavailableException;
import io.kincir.spi.Failures;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

/**
 * A channel this backend opened on the application's connection and closes itself. It is a plain
 * client channel, not one of spring-rabbit's cached channel proxies: a publisher puts it in confirm
 * mode and a subscriber registers consumers on it, neither of which may leak into the cache other
 * users of the connection factory share.
 */
final class OwnedChannel implements AutoCloseable {

    private final Connection connection;
    private final AtomicBoolean closed = new AtomicBoolean();
    final Channel channel;

    private OwnedChannel(Connection connection, Channel channel) {
        this.connection = connection;
        this.channel = channel;
    }

    /**
     * @throws BackendUnavailableException if no connection or channel can be had
     */
    static OwnedChannel open(ConnectionFactory factory, String server) {
        Connection connection;
        try {
            connection = factory.createConnection();
        } catch (AmqpException e) {
            AuthenticationFailedException refused = RefusedLogin.explain(e, factory);
            if (refused != null) {
                throw refused;
            }
            throw new BackendUnavailableException("Cannot connect to RabbitMQ at " + server + ": "
                    + Failures.rootMessage(e) + ". Check that the server runs and that spring.rabbitmq.* (host, port, "
                    + "credentials, virtual host) points at it", e);
        }
        try {
            Channel channel = connection.getDelegate().createChannel();
            if (channel == null) {
                connection.close();
                throw new BackendUnavailableException("RabbitMQ at " + server + " has no channel left on this "
                        + "connection (channel-max reached); close unused subscribers");
            }
            return new OwnedChannel(connection, channel);
        } catch (IOException | ShutdownSignalException e) {
            connection.close();
            throw new BackendUnavailableException("Cannot open a channel to RabbitMQ at " + server + ": "
                    + Failures.rootMessage(e), e);
        }
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    /** Closes the channel (the broker requeues its unacknowledged deliveries) and releases the connection. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | TimeoutException | ShutdownSignalException e) {
            // Already closed by the broker or the network: the broker has requeued what it held.
        } finally {
            connection.close();
        }
    }
}

package io.kincir.nats;

import io.kincir.BackendUnavailableException;
import io.kincir.spi.Failures;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The backend's connection: one it was given, or one it opens on first use from its options and
 * closes with the backend. A failed connect is reported and tried again on the next use, so a backend
 * built while the server is down starts working once it is up.
 */
final class LazyConnection {

    private final Options options;
    private final String servers;
    private volatile Connection connection;
    private volatile JetStream jetStream;
    private volatile JetStreamManagement management;
    private boolean closed;
    private final Object draining = new Object();

    private LazyConnection(Options options, Connection connection, String servers) {
        this.options = options;
        this.connection = connection;
        this.servers = servers;
    }

    static LazyConnection opening(Options options) {
        return new LazyConnection(options, null, String.join(",", options.getUnprocessedServers()));
    }

    static LazyConnection given(Connection connection) {
        String url = connection.getConnectedUrl();
        return new LazyConnection(null, connection, url != null ? url : String.valueOf(connection.getServers()));
    }

    /**
     * @return the connection, opened now if this is the first use
     * @throws BackendUnavailableException if the server cannot be reached
     */
    Connection get() {
        Connection current = connection;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (closed) {
                throw new BackendUnavailableException("The connection to NATS at " + servers + " was closed");
            }
            if (connection == null) {
                try {
                    connection = Nats.connect(options);
                } catch (IOException e) {
                    throw new BackendUnavailableException("Cannot connect to NATS at " + servers + ": " + rootMessage(e)
                            + ". Check that nats-server runs there with JetStream on (-js)", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BackendUnavailableException("Interrupted while connecting to NATS at " + servers, e);
                }
            }
            return connection;
        }
    }

    /** @return the connection if it is open already, without connecting */
    Connection ifOpen() {
        return connection;
    }

    JetStream jetStream() {
        JetStream current = jetStream;
        if (current == null) {
            try {
                current = get().jetStream();
            } catch (IOException e) {
                throw new BackendUnavailableException("JetStream is not available on NATS at " + servers + ": "
                        + rootMessage(e), e);
            }
            jetStream = current;
        }
        return current;
    }

    JetStreamManagement management() {
        JetStreamManagement current = management;
        if (current == null) {
            try {
                current = get().jetStreamManagement();
            } catch (IOException e) {
                throw new BackendUnavailableException("JetStream is not available on NATS at " + servers + ": "
                        + rootMessage(e), e);
            }
            management = current;
        }
        return current;
    }

    /**
     * Drains a dispatcher of this connection and waits until it is done, one drain at a time: a drain
     * flushes with a PING, and jnats takes more PINGs waiting for their PONG than {@code maxPingsOut}
     * (2 by default) for a dead connection and reconnects, dropping what was in flight, as three members
     * closing together (the consumer threads of a stopping listener) would make it do.
     */
    void drain(Dispatcher dispatcher, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        synchronized (draining) {
            dispatcher.drain(timeout).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        }
    }

    /** @return the servers, for messages */
    String servers() {
        return servers;
    }

    /** Closes the connection if this opened it; one that was given stays open for its owner. */
    void close() {
        Connection opened;
        synchronized (this) {
            closed = true;
            opened = options != null ? connection : null;
        }
        if (opened == null) {
            return;
        }
        try {
            opened.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String rootMessage(Throwable failure) {
        String message = Failures.rootMessage(failure);
        return Failures.rootCause(failure) == failure || failure.getMessage() == null ? message
                : failure.getMessage() + " (" + message + ")";
    }
}

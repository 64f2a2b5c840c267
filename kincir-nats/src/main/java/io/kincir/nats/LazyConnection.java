package io.kincir.nats;

import io.kincir.BackendUnavailableException;
import io.kincir.spi.Failures;
import io.kincir.spi.Urls;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;

/**
 * The backend's connection: one it was given, or one it opens on first use from its options and
 * closes with the backend. A failed connect is reported and tried again on the next use, so a backend
 * built while the server is down starts working once it is up. It tells the backend when the client
 * reconnected after a loss, through a listener it removes again from a connection it was given.
 */
final class LazyConnection {

    private final Options options;
    private final NatsLogin login;
    private final String servers;
    private volatile Connection connection;
    private volatile JetStream jetStream;
    private volatile JetStreamManagement management;
    private volatile ConnectionListener listener;
    private boolean closed;

    private LazyConnection(Options options, NatsLogin login, Connection connection, String servers) {
        this.options = options;
        this.login = login;
        this.connection = connection;
        this.servers = Urls.withoutCredentials(servers);
    }

    static LazyConnection opening(Options options, NatsLogin login) {
        return new LazyConnection(options, login, null, String.join(",", options.getUnprocessedServers()));
    }

    static LazyConnection given(Connection connection) {
        String url = connection.getConnectedUrl();
        return new LazyConnection(null, null, connection, url != null ? url : String.valueOf(connection.getServers()));
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
                    Connection opened = Nats.connect(options);
                    if (listener != null) {
                        opened.addConnectionListener(listener);
                    }
                    connection = opened;
                } catch (AuthenticationException e) {
                    throw login.refused(servers, e);
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

    /**
     * Calls {@code action} on the client's thread each time the connection is back after a loss. Set once,
     * before the backend uses the connection.
     *
     * @param action what to do then; must not block
     */
    void onReconnect(Runnable action) {
        ConnectionListener reconnected = (ignored, event) -> {
            if (event == ConnectionListener.Events.RECONNECTED) {
                action.run();
            }
        };
        synchronized (this) {
            listener = reconnected;
            if (connection != null) {
                connection.addConnectionListener(reconnected);
            }
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

    /** @return the servers, without credentials, for messages */
    String servers() {
        return servers;
    }

    /** Closes the connection if this opened it; one that was given stays open for its owner. */
    void close() {
        Connection opened;
        synchronized (this) {
            closed = true;
            opened = options != null ? connection : null;
            if (opened == null && connection != null && listener != null) {
                // The owner keeps using a connection it gave: the closed backend must hear nothing more.
                connection.removeConnectionListener(listener);
            }
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

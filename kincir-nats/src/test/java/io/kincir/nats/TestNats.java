package io.kincir.nats;

import io.kincir.conformance.ExternalServer;
import io.kincir.conformance.SharedServer;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The NATS server the tests use (127.0.0.1:4222), and the backends a test made, so that the streams
 * they created (with their consumers) are deleted afterwards and the server does not fill up across
 * runs. Deletes through a connection of its own, since the backends have closed theirs by then.
 */
final class TestNats implements SharedServer {

    static final String URL = "nats://" + ExternalServer.NATS.host() + ":" + ExternalServer.NATS.port();

    private final List<NatsBackend> backends = new CopyOnWriteArrayList<>();
    private Connection inspector;

    /** @return a builder for the local server, after checking that it runs */
    NatsBackend.Builder builder() {
        ExternalServer.NATS.require();
        return NatsBackend.builder().servers(URL);
    }

    /** @return a backend with default settings, cleaned up by {@link #deleteDeclared()} */
    NatsBackend backend() {
        return track(builder().build());
    }

    NatsBackend track(NatsBackend backend) {
        backends.add(backend);
        return backend;
    }

    /** @return a plain client connection of the test's own, to look at streams and consumers */
    Connection inspector() {
        if (inspector == null) {
            ExternalServer.NATS.require();
            try {
                inspector = Nats.connect(new Options.Builder().server(URL).connectionName("kincir-test-inspector").build());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return inspector;
    }

    JetStreamManagement management() {
        try {
            return inspector().jetStreamManagement();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes every tracked backend and deletes the streams it created, with their consumers. */
    void deleteDeclared() {
        for (NatsBackend backend : backends) {
            backend.close();
            for (String stream : backend.streamNames()) {
                try {
                    management().deleteStream(stream);
                } catch (JetStreamApiException e) {
                    // Deleted already, by the test itself or another backend on the same topic.
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
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
        } finally {
            if (inspector != null) {
                try {
                    inspector.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                inspector = null;
            }
        }
    }
}

package io.kincir.conformance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A server a test needs, such as RabbitMQ. When it cannot be reached, the test fails under
 * {@code CI=true}, where {@code .ci/run} must have started it, and is skipped elsewhere, with a
 * message that says how to start it.
 *
 * @param name the server's name
 * @param host its host
 * @param port its port
 * @param howToStart the command that starts it on this machine
 */
public record ExternalServer(String name, String host, int port, String howToStart) {

    /** RabbitMQ with guest/guest on 127.0.0.1:5672. */
    public static final ExternalServer RABBITMQ =
            new ExternalServer("RabbitMQ", "127.0.0.1", 5672, "rabbitmq-server -detached  (or run .ci/run)");

    /** Redis on 127.0.0.1:6379, without a password. */
    public static final ExternalServer REDIS =
            new ExternalServer("Redis", "127.0.0.1", 6379, "redis-server --daemonize yes --port 6379  (or run .ci/run)");

    /** NATS with JetStream on 127.0.0.1:4222. */
    public static final ExternalServer NATS = new ExternalServer("NATS with JetStream", "127.0.0.1", 4222,
            "nats-server -c .ci/nats-server.conf -a 127.0.0.1 -p 4222 -js &  (or run .ci/run)");

    /** Fails (under CI) or skips (elsewhere) the calling test if the server does not accept a connection. */
    public void require() {
        if (reachable()) {
            return;
        }
        missing(name + " is not reachable on " + host + ":" + port + ". Start it with: " + howToStart);
    }

    /**
     * Fails the calling test under {@code CI=true}, where {@code .ci/run} must have provided what it needs,
     * and skips it elsewhere.
     *
     * @param message what is missing and how to get it
     */
    public static void missing(String message) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + " (CI=true: tests that need it fail instead of being skipped)");
        }
        Assumptions.abort(message + " (skipped; under CI=true this fails)");
    }

    /** @return whether a TCP connection to the server succeeds within a second */
    public boolean reachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

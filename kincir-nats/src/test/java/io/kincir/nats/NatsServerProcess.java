package io.kincir.nats;

import io.kincir.conformance.ServerProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A nats-server of a test's own, on a free port, with JetStream (or without, to see what a backend
 * does then) and a store directory the test gives, and any further arguments (a token, a user), so that
 * the test can kill and restart it, or configure it, without disturbing the shared server on port 4222.
 */
public final class NatsServerProcess implements AutoCloseable {

    private static final String HOW_TO_INSTALL = "apt-get install nats-server  (or run .ci/run)";

    private final ServerProcess server;

    private NatsServerProcess(ServerProcess server) {
        this.server = server;
    }

    /**
     * @param storeDir where JetStream keeps its streams; the same directory across restarts
     * @param arguments further arguments, such as {@code --auth <token>}
     * @return a running server with JetStream
     */
    public static NatsServerProcess start(Path storeDir, String... arguments) {
        return start(storeDir, true, arguments);
    }

    /**
     * @param dir where the server writes its log
     * @return a running server without JetStream
     */
    static NatsServerProcess withoutJetStream(Path dir) {
        return start(dir, false);
    }

    private static NatsServerProcess start(Path dir, boolean jetStream, String... arguments) {
        return new NatsServerProcess(ServerProcess.start("nats-server", HOW_TO_INSTALL, dir, port -> {
            List<String> command = new ArrayList<>(List.of("-a", "127.0.0.1", "-p", Integer.toString(port)));
            if (jetStream) {
                command.addAll(List.of("-js", "-sd", dir.toString()));
            }
            command.addAll(List.of(arguments));
            return command;
        }));
    }

    /** Starts the server again, on the same port and store directory, and waits until it accepts. */
    void start() {
        server.start();
    }

    /** Kills the server at once (SIGKILL), as a crash would, and waits until it is gone. */
    void kill() {
        server.kill();
    }

    /** @return the server's URL, without credentials */
    public String url() {
        return "nats://127.0.0.1:" + server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}

package io.kincir.nats;

import io.kincir.fault.BrokerUnderTest;
import io.kincir.fault.ServerProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A nats-server of a test's own, on a free port, with JetStream (or without, to see what a backend
 * does then) and a store directory the test gives, so that the test can stop and restart it without
 * disturbing the shared server on port 4222: the fault suite's {@link BrokerUnderTest} for NATS.
 */
final class NatsServerProcess implements BrokerUnderTest {

    private final ServerProcess server;

    private NatsServerProcess(ServerProcess server) {
        this.server = server;
    }

    /**
     * @param storeDir where JetStream keeps its streams; the same directory across restarts
     * @return a running server
     */
    static NatsServerProcess start(Path storeDir) {
        return start(storeDir, true);
    }

    /**
     * @param dir where the server writes its log
     * @return a running server without JetStream
     */
    static NatsServerProcess withoutJetStream(Path dir) {
        return start(dir, false);
    }

    private static NatsServerProcess start(Path storeDir, boolean jetStream) {
        Path program = ServerProcess.program("nats-server", "apt-get install nats-server  (or run .ci/run)");
        int port = ServerProcess.freePort();
        List<String> command = new ArrayList<>(List.of(program.toString(), "-a", "127.0.0.1", "-p",
                Integer.toString(port)));
        if (jetStream) {
            command.addAll(List.of("-js", "-sd", storeDir.toString()));
        }
        return new NatsServerProcess(ServerProcess.start("the test's own nats-server", command, Map.of(),
                storeDir.resolve("nats-server.log"), port));
    }

    /** Starts the server again, on the same port and store directory, and waits until it accepts. */
    @Override
    public void start() {
        server.start();
    }

    /** Stops the server (SIGTERM: it shuts down cleanly, its streams on disk) and waits until it is gone. */
    @Override
    public void stop() {
        server.stop();
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return server.port();
    }

    String url() {
        return url(host(), port());
    }

    static String url(String host, int port) {
        return "nats://" + host + ":" + port;
    }

    @Override
    public void close() {
        server.close();
    }
}

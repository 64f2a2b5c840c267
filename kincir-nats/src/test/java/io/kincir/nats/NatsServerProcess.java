package io.kincir.nats;

import io.kincir.fault.BrokerUnderTest;
import io.kincir.fault.ServerProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A nats-server of a test's own, on a free port, with JetStream (or without, to see what a backend
 * does then), a store directory the test gives and any further arguments (a token, a user, TLS), so
 * that the test can stop, restart or configure it without disturbing the shared server on port 4222:
 * the fault suite's {@link BrokerUnderTest} for NATS.
 */
public final class NatsServerProcess {

    private NatsServerProcess() {
    }

    /**
     * @param storeDir where JetStream keeps its streams; the same directory across restarts, which a
     *     SIGTERM leaves consistent
     * @param arguments further arguments, such as {@code --auth <token>}
     * @return a running server
     */
    public static ServerProcess start(Path storeDir, String... arguments) {
        return start(storeDir, true, arguments);
    }

    /**
     * @param dir where the server writes its log
     * @return a running server without JetStream
     */
    static ServerProcess withoutJetStream(Path dir) {
        return start(dir, false);
    }

    private static ServerProcess start(Path storeDir, boolean jetStream, String... arguments) {
        Path program = ServerProcess.program("nats-server", "apt-get install nats-server  (or run .ci/run)");
        int port = ServerProcess.freePort();
        List<String> command = new ArrayList<>(List.of(program.toString(), "-a", "127.0.0.1", "-p",
                Integer.toString(port)));
        if (jetStream) {
            command.addAll(List.of("-js", "-sd", storeDir.toString()));
        }
        command.addAll(List.of(arguments));
        return ServerProcess.start("the test's own nats-server", command, Map.of(),
                storeDir.resolve("nats-server.log"), port);
    }

    /** @return the URL of a server at this host and port */
    static String url(String host, int port) {
        return "nats://" + host + ":" + port;
    }

    /** @return the server's URL, without credentials */
    public static String url(ServerProcess server) {
        return url(server.host(), server.port());
    }
}

package io.kincir.nats;

import static org.awaitility.Awaitility.await;

import io.kincir.conformance.ExternalServer;
import io.kincir.faults.BrokerUnderTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A nats-server of a test's own, on a free port, with JetStream (or without, to see what a backend
 * does then) and a store directory the test gives,
 * so that the test can stop and restart it without disturbing the shared server on port 4222: the
 * fault suite's {@link BrokerUnderTest} for NATS. Without the {@code nats-server} binary the test fails
 * under {@code CI=true} and is skipped elsewhere, as {@link ExternalServer} does for a server that does
 * not run.
 */
final class NatsServerProcess implements BrokerUnderTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path binary;
    private final Path storeDir;
    private final Path log;
    private final int port;
    private final boolean jetStream;
    private Process process;

    private NatsServerProcess(Path binary, Path storeDir, int port, boolean jetStream) {
        this.binary = binary;
        this.storeDir = storeDir;
        this.log = storeDir.resolve("nats-server.log");
        this.port = port;
        this.jetStream = jetStream;
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
        int port = freePort();
        Path binary = findBinary();
        if (binary == null) {
            // Reachable it is not: require() fails under CI and skips elsewhere, with how to install it.
            new ExternalServer("the nats-server binary (to run a NATS server of the test's own)", "127.0.0.1", port,
                    "apt-get install nats-server  (or run .ci/run)").require();
        }
        NatsServerProcess server = new NatsServerProcess(binary, storeDir, port, jetStream);
        server.start();
        return server;
    }

    /** Starts the server (again), on the same port and store directory, and waits until it accepts. */
    @Override
    public void start() {
        try {
            List<String> command = new ArrayList<>(List.of(binary.toString(), "-a", "127.0.0.1", "-p",
                    Integer.toString(port)));
            if (jetStream) {
                command.addAll(List.of("-js", "-sd", storeDir.toString()));
            }
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + binary, e);
        }
        ExternalServer self = server();
        await("nats-server accepting on port " + port).atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(50))
                .until(() -> !process.isAlive() || self.reachable());
        if (!process.isAlive()) {
            throw new IllegalStateException("nats-server exited with " + process.exitValue() + "; see " + log);
        }
    }

    /** Stops the server (SIGTERM: it shuts down cleanly, its streams on disk) and waits until it is gone. */
    @Override
    public void stop() {
        process.destroy();
        awaitExit();
    }

    /** Kills the server at once (SIGKILL), as a crash would, and waits until it is gone. */
    void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    private void awaitExit() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return port;
    }

    String url() {
        return url(host(), port);
    }

    static String url(String host, int port) {
        return "nats://" + host + ":" + port;
    }

    private ExternalServer server() {
        return new ExternalServer("the test's own nats-server", "127.0.0.1", port, binary + " -p " + port + " -js");
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    private static Path findBinary() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Stream.of(path.split(java.io.File.pathSeparator)), Stream.of("/usr/sbin", "/usr/local/bin"))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "nats-server"))
                .filter(Files::isExecutable)
                .findFirst().orElse(null);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

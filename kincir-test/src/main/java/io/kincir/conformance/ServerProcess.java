package io.kincir.conformance;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * A server of a test's own (a nats-server, a redis-server…) on a free port of 127.0.0.1, started from
 * its binary with the arguments the test gives, so that the test can configure it (a password, a
 * token) or kill and restart it without disturbing the shared server. Its output goes to a log file
 * in the directory the test gives. Without the binary the test fails under {@code CI=true} and is
 * skipped elsewhere, as {@link ExternalServer} does for a server that does not run.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path binary;
    private final List<String> arguments;
    private final Path log;
    private final int port;
    private Process process;

    private ServerProcess(Path binary, List<String> arguments, Path log, int port) {
        this.binary = binary;
        this.arguments = List.copyOf(arguments);
        this.log = log;
        this.port = port;
    }

    /**
     * Starts the server and waits until it accepts connections.
     *
     * @param binary the executable's name, looked up on the {@code PATH}, {@code /usr/sbin} and
     *     {@code /usr/local/bin}
     * @param howToInstall what to run when the binary is missing, for the skip message
     * @param dir where the server's log goes (and whatever else the arguments put there)
     * @param arguments the command-line arguments for a port
     * @return the running server
     */
    public static ServerProcess start(String binary, String howToInstall, Path dir, IntFunction<List<String>> arguments) {
        int port = freePort();
        Path executable = find(binary);
        if (executable == null) {
            ExternalServer.missing("The " + binary + " binary, to run a server of the test's own, is not installed. "
                    + "Install it with: " + howToInstall);
        }
        ServerProcess server = new ServerProcess(executable, arguments.apply(port), dir.resolve(binary + ".log"), port);
        server.start();
        return server;
    }

    /** Starts the server (again), with the same port and arguments, and waits until it accepts. */
    public void start() {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(arguments);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + binary, e);
        }
        ExternalServer self = new ExternalServer("the test's own " + binary.getFileName(), "127.0.0.1", port,
                String.join(" ", command));
        await(binary.getFileName() + " accepting on port " + port).atMost(START_TIMEOUT)
                .pollInterval(Duration.ofMillis(50)).until(() -> !process.isAlive() || self.reachable());
        if (!process.isAlive()) {
            throw new IllegalStateException(binary + " exited with " + process.exitValue() + "; see " + log);
        }
    }

    /** Kills the server at once (SIGKILL), as a crash would, and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return the port it listens on, on 127.0.0.1 */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    private static Path find(String binary) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Stream.of(path.split(File.pathSeparator)), Stream.of("/usr/sbin", "/usr/local/bin"))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, binary))
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

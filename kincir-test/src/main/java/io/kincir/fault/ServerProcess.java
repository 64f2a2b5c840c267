package io.kincir.fault;

import static org.awaitility.Awaitility.await;

import io.kincir.conformance.ExternalServer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A server program a test runs as a process of its own (nats-server, redis-server, a RabbitMQ node),
 * listening on a port of 127.0.0.1, with its output appended to a log file: started, stopped and
 * started again with the same command, so that it keeps its port and data directory. As a
 * {@link BrokerUnderTest}, a stop is SIGTERM, which a server takes as a clean shutdown. Without the
 * program the test fails under {@code CI=true} and is skipped elsewhere, as {@link ExternalServer}
 * does for a server that does not run.
 */
public final class ServerProcess implements BrokerUnderTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private final int port;
    private volatile Process process;

    private ServerProcess(String name, List<String> command, Map<String, String> environment, Path log, int port) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.log = log;
        this.port = port;
        // A test JVM that ends without closing it (killed by a timeout) must not leave a server behind.
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "stop-" + port));
    }

    /**
     * Finds a program on the {@code PATH} (or in {@code /usr/sbin}, {@code /usr/local/bin}); fails the
     * calling test under {@code CI=true}, and skips it elsewhere, if there is none.
     *
     * @param program the program's file name, such as {@code redis-server}
     * @param howToInstall the command that installs it
     * @return its path
     */
    public static Path program(String program, String howToInstall) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Stream.of(path.split(File.pathSeparator)), Stream.of("/usr/sbin", "/usr/local/bin"))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseGet(() -> {
                    // Reachable it is not: require() fails under CI and skips elsewhere, with how to install it.
                    new ExternalServer("the " + program + " program (to run a server of the test's own)", "127.0.0.1",
                            freePort(), howToInstall).require();
                    throw new IllegalStateException("unreachable");
                });
    }

    /** @return a port of 127.0.0.1 that nothing listened on a moment ago */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a server and waits until it accepts connections on its port.
     *
     * @param name the server's name, for messages
     * @param command the program and its arguments
     * @param environment variables to add to this process's environment
     * @param log the file its standard output and error are appended to
     * @param port the port it listens on, on 127.0.0.1
     * @return the running server
     */
    public static ServerProcess start(String name, List<String> command, Map<String, String> environment, Path log,
            int port) {
        ServerProcess server = new ServerProcess(name, command, environment, log, port);
        server.start();
        return server;
    }

    /** Starts the server (again) with the same command, and waits until it accepts connections. */
    @Override
    public void start() {
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + command, e);
        }
        awaitAccepting();
    }

    /** Waits until the server accepts connections on its port. */
    public void awaitAccepting() {
        ExternalServer self = new ExternalServer(name, "127.0.0.1", port, String.join(" ", command));
        await(name + " accepting on port " + port).atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(50))
                .until(() -> !process.isAlive() || self.reachable());
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
        }
    }

    /** Stops the server with SIGTERM, which lets it shut down cleanly, and waits until it is gone. */
    @Override
    public void stop() {
        process.destroy();
        awaitExit();
    }

    /**
     * Kills the server at once (SIGKILL), as a crash would, with the processes it started (a start
     * script's virtual machine), and waits until it is gone.
     */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
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

    /** @return whether the process runs */
    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** @return 127.0.0.1, where it listens */
    @Override
    public String host() {
        return "127.0.0.1";
    }

    /** @return the port it listens on */
    @Override
    public int port() {
        return port;
    }

    /**
     * Runs a command that controls the server (such as {@code rabbitmqctl}) with the server's environment
     * and log, and waits for it.
     *
     * @param command the program and its arguments
     * @param timeout how long it may take
     * @throws IllegalStateException if it fails or takes longer
     */
    public void control(List<String> command, Duration timeout) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            Process control = builder.start();
            if (!control.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                control.destroyForcibly();
                throw new IllegalStateException(command + " took longer than " + timeout + "; see " + log);
            }
            if (control.exitValue() != 0) {
                throw new IllegalStateException(command + " exited with " + control.exitValue() + "; see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command, e);
        }
    }

    /** @return the file its output goes to */
    public Path log() {
        return log;
    }

    /** Kills the server if it still runs; its data directory is the test's to delete. */
    @Override
    public void close() {
        if (isAlive()) {
            kill();
        }
    }

    @Override
    public String toString() {
        return name + " on port " + port;
    }
}

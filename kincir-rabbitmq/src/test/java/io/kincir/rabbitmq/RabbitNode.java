package io.kincir.rabbitmq;

import io.kincir.fault.BrokerUnderTest;
import io.kincir.fault.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A RabbitMQ node of a test's own, so that the test can stop and restart the broker without disturbing
 * the shared node on port 5672: the fault suite's {@link BrokerUnderTest} for RabbitMQ. It runs from the
 * installed server with everything of its own — node name, AMQP and distribution ports, data and log
 * directories, configuration, plugins (none) and Erlang cookie — in the test's directory. A restart is
 * {@code rabbitmqctl stop_app} and {@code start_app}: the RabbitMQ application stops (closing every
 * connection and its listener) and starts again from its data on disk, while the Erlang VM stays up.
 */
final class RabbitNode implements BrokerUnderTest {

    /** Debian's package puts the plain scripts here; its /usr/sbin ones switch to the rabbitmq user. */
    private static final Path DEBIAN_SCRIPTS = Path.of("/usr/lib/rabbitmq/bin");
    private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(120);

    private final ServerProcess server;
    private final Path rabbitmqctl;
    private final String node;

    private RabbitNode(ServerProcess server, Path rabbitmqctl, String node) {
        this.server = server;
        this.rabbitmqctl = rabbitmqctl;
        this.node = node;
    }

    /**
     * @param dir the node's directory: data, logs, configuration; the same across restarts
     * @return a running node, accepting AMQP connections as guest/guest from this host
     */
    static RabbitNode start(Path dir) {
        Path script = Files.isExecutable(DEBIAN_SCRIPTS.resolve("rabbitmq-server"))
                ? DEBIAN_SCRIPTS.resolve("rabbitmq-server")
                : ServerProcess.program("rabbitmq-server", "apt-get install rabbitmq-server  (or run .ci/run)");
        int port = ServerProcess.freePort();
        String node = "kincir-faults-" + port + "@localhost";
        Map<String, String> environment = Map.ofEntries(
                Map.entry("HOME", dir.toString()), // where Erlang finds the node's cookie
                Map.entry("RABBITMQ_NODENAME", node),
                Map.entry("RABBITMQ_NODE_PORT", Integer.toString(port)),
                Map.entry("RABBITMQ_DIST_PORT", Integer.toString(ServerProcess.freePort())),
                Map.entry("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString()),
                Map.entry("RABBITMQ_LOG_BASE", dir.resolve("log").toString()),
                Map.entry("RABBITMQ_ENABLED_PLUGINS_FILE", write(dir, "enabled_plugins", "[].")),
                // Instead of /etc/rabbitmq's, which configure the shared node.
                Map.entry("RABBITMQ_CONF_ENV_FILE", write(dir, "rabbitmq-env.conf", "")),
                Map.entry("RABBITMQ_CONFIG_FILE", write(dir, "rabbitmq.conf",
                        "listeners.tcp.1 = 127.0.0.1:" + port + "\n")),
                // RabbitMQ's listener options, with reuseaddr: without it the listener cannot bind its port
                // again on start_app while sockets of the connections it closed linger.
                Map.entry("RABBITMQ_ADVANCED_CONFIG_FILE", write(dir, "advanced.config", "[{rabbit, [{tcp_listen_options, "
                        + "[{backlog, 128}, {nodelay, true}, {linger, {true, 0}}, {exit_on_close, false}, "
                        + "{reuseaddr, true}]}]}].")));
        writeCookie(dir);
        ServerProcess server = ServerProcess.start("the test's own RabbitMQ node", List.of(script.toString()),
                environment, dir.resolve("rabbitmq-server.log"), port);
        return new RabbitNode(server, script.resolveSibling("rabbitmqctl"), node);
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return server.port();
    }

    /** Stops the RabbitMQ application: its listener and every connection close; queues stay on disk. */
    @Override
    public void stop() {
        server.control(List.of(rabbitmqctl.toString(), "-n", node, "stop_app"), CONTROL_TIMEOUT);
    }

    /** Starts the RabbitMQ application again, recovering durable queues and persistent messages from disk. */
    @Override
    public void start() {
        server.control(List.of(rabbitmqctl.toString(), "-n", node, "start_app"), CONTROL_TIMEOUT);
        server.awaitAccepting();
    }

    /** Halts the node ({@code rabbitmqctl stop}), or kills it if that fails. */
    @Override
    public void close() {
        try {
            server.control(List.of(rabbitmqctl.toString(), "-n", node, "stop"), CONTROL_TIMEOUT);
        } finally {
            server.close();
        }
    }

    private static String write(Path dir, String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Erlang refuses a cookie file that others may read. */
    private static void writeCookie(Path dir) {
        try {
            Path cookie = Files.writeString(dir.resolve(".erlang.cookie"), "kincir-" + UUID.randomUUID());
            Files.setPosixFilePermissions(cookie, PosixFilePermissions.fromString("r--------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.kincir.redis;

import io.kincir.fault.BrokerUnderTest;
import io.kincir.fault.ServerProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A redis-server of a test's own, on a free port, so that the test can stop and restart it without
 * disturbing the shared server on port 6379: the fault suite's {@link BrokerUnderTest} for Redis. What a
 * Redis restart keeps is its persistence's matter, not Kincir's; this one keeps every write in its
 * append-only file ({@code appendonly yes}, fsynced every second and on the clean shutdown a SIGTERM
 * starts), which is what an application that wants its streams to outlive a restart configures.
 */
public final class RedisServerProcess {

    private RedisServerProcess() {
    }

    /**
     * @param dir where Redis keeps its append-only file and log; the same directory across restarts
     * @param arguments further arguments, such as {@code --requirepass <password>}
     * @return a running server, which loads its append-only file again when started again
     */
    public static ServerProcess start(Path dir, String... arguments) {
        Path program = ServerProcess.program("redis-server", "apt-get install redis-server  (or run .ci/run)");
        int port = ServerProcess.freePort();
        List<String> command = new ArrayList<>(List.of(program.toString(), "--bind", "127.0.0.1", "--port",
                Integer.toString(port), "--dir", dir.toString(), "--appendonly", "yes", "--save", "", "--daemonize", "no"));
        command.addAll(List.of(arguments));
        return ServerProcess.start("the test's own redis-server", command, Map.of(), dir.resolve("redis-server.log"),
                port);
    }
}

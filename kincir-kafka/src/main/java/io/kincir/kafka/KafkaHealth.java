package io.kincir.kafka;

import io.kincir.BackendHealth;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;

/** Asks the cluster to describe itself within a timeout: up with its id, size and controller, or down with why. */
final class KafkaHealth {

    private final Admin admin;
    private final Duration timeout;
    private final Object bootstrapServers;

    KafkaHealth(Admin admin, Duration timeout, Object bootstrapServers) {
        this.admin = admin;
        this.timeout = timeout;
        this.bootstrapServers = bootstrapServers;
    }

    /** @param expired records this backend's subscribers skipped past their {@code _ttl} */
    BackendHealth check(long expired) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("backend", "kafka");
        details.put("bootstrapServers", String.valueOf(bootstrapServers));
        details.put("expired", expired);
        try {
            DescribeClusterResult cluster = admin.describeCluster(
                    new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
            long deadline = System.nanoTime() + timeout.toNanos();
            details.put("clusterId", cluster.clusterId().get(remaining(deadline), TimeUnit.NANOSECONDS));
            Collection<Node> nodes = cluster.nodes().get(remaining(deadline), TimeUnit.NANOSECONDS);
            details.put("nodes", nodes.size());
            Node controller = cluster.controller().get(remaining(deadline), TimeUnit.NANOSECONDS);
            details.put("controller", controller == null || controller.isEmpty() ? "unknown"
                    : controller.host() + ":" + controller.port() + " (id " + controller.id() + ")");
            return BackendHealth.up(details);
        } catch (ExecutionException e) {
            return BackendHealth.down("Kafka cluster did not answer: " + e.getCause().getMessage(), details);
        } catch (TimeoutException e) {
            return BackendHealth.down("Kafka cluster did not answer within " + timeout, details);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return BackendHealth.down("Interrupted while asking the Kafka cluster", details);
        } catch (RuntimeException e) {
            return BackendHealth.down("Kafka health check failed: " + e, details);
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }
}

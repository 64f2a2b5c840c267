package io.kincir.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.conformance.ExternalServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The policy against the local RabbitMQ node, through its real {@code rabbitmqctl}. */
class RabbitQueuePolicyTest {

    @Test
    void isInForceWhileOpenAndGoneOnceClosed() throws Exception {
        ExternalServer.RABBITMQ.require();
        try (RabbitQueuePolicy policy = RabbitQueuePolicy.apply()) {
            requireRabbitmqctl(policy);
            assertThat(policy.describe()).contains("version 2");
            assertThat(policies()).contains(RabbitQueuePolicy.NAME).contains("^" + Brokers.NAME_PREFIX)
                    .contains("queue-version");
        }
        assertThat(policies()).doesNotContain(RabbitQueuePolicy.NAME);
    }

    @Test
    void withoutRabbitmqctlTheRunKeepsTheServersDefaultAndSaysWhy() {
        try (RabbitQueuePolicy policy = RabbitQueuePolicy.apply(List.of("/nonexistent/rabbitmqctl"))) {
            assertThat(policy.applied()).isFalse();
            assertThat(policy.describe()).contains("the server's default version").contains("set_policy failed");
        }
    }

    private static void requireRabbitmqctl(RabbitQueuePolicy policy) {
        if (policy.applied()) {
            return;
        }
        String message = "rabbitmqctl cannot set a policy here (" + policy.describe() + "); run as root or as a user "
                + "with RabbitMQ's Erlang cookie";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + " (CI=true: fails instead of being skipped)");
        }
        Assumptions.abort(message);
    }

    private static String policies() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("rabbitmqctl", "list_policies", "-p", "/", "-s").redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("rabbitmqctl list_policies: %s", output).isZero();
        return output;
    }
}

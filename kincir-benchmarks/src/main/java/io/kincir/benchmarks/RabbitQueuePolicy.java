package io.kincir.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes the benchmarks' RabbitMQ queues (every name starting {@value Brokers#NAME_PREFIX}) classic queues of
 * version 2 for the run, through a policy set with {@code rabbitmqctl}, and removes the policy when
 * closed.
 *
 * <p>Why: Debian's RabbitMQ 3.10 makes classic queues version 1, and a version-1 queue drains the same
 * backlog to the same client at either about 30 or about 70 µs of broker CPU per message, switching
 * between drains: 11,000 to 59,000 msg/s for one client within one run, which buries the clients'
 * difference. Version 2 drains at one speed (measured: 13,000-18,000 msg/s), and is what RabbitMQ
 * 3.12 and later use for every classic queue. The policy covers the queues of both contenders alike.
 *
 * <p>Where {@code rabbitmqctl} cannot be run (not installed here, or not allowed to reach the node),
 * the run goes on with the server's default and {@link #describe()} says so.
 */
final class RabbitQueuePolicy implements AutoCloseable {

    static final String NAME = "kincir-benchmarks-queue-version-2";
    private static final long TIMEOUT_SECONDS = 60;

    private final List<String> rabbitmqctl;
    private final boolean applied;
    private final String description;

    private RabbitQueuePolicy(List<String> rabbitmqctl, boolean applied, String description) {
        this.rabbitmqctl = rabbitmqctl;
        this.applied = applied;
        this.description = description;
    }

    /** Sets the policy with the {@code rabbitmqctl} on the path. */
    static RabbitQueuePolicy apply() {
        return apply(List.of("rabbitmqctl"));
    }

    /** @param rabbitmqctl the command that runs {@code rabbitmqctl} */
    static RabbitQueuePolicy apply(List<String> rabbitmqctl) {
        Outcome outcome = run(rabbitmqctl, "set_policy", "-p", "/", NAME, "^" + Brokers.NAME_PREFIX,
                "{\"queue-version\":2}", "--apply-to", "queues");
        if (outcome.succeeded()) {
            return new RabbitQueuePolicy(rabbitmqctl, true, "RabbitMQ queues: classic, version 2 (policy " + NAME + ")");
        }
        String why = "RabbitMQ queues: the server's default version, since rabbitmqctl set_policy failed ("
                + outcome.output() + "); run the benchmarks as a user that may run rabbitmqctl for steadier figures";
        System.err.println(why);
        return new RabbitQueuePolicy(rabbitmqctl, false, why);
    }

    /** @return whether the policy is in force */
    boolean applied() {
        return applied;
    }

    /** @return which queues the RabbitMQ benchmarks used, for the results table */
    String describe() {
        return description;
    }

    /** Removes the policy; the queues it covered go back to the server's default. */
    @Override
    public void close() {
        if (!applied) {
            return;
        }
        Outcome outcome = run(rabbitmqctl, "clear_policy", "-p", "/", NAME);
        if (!outcome.succeeded()) {
            System.err.println("Could not remove RabbitMQ policy " + NAME + " (" + outcome.output()
                    + "); remove it with: rabbitmqctl clear_policy -p / " + NAME);
        }
    }

    private record Outcome(boolean succeeded, String output) {
    }

    private static Outcome run(List<String> rabbitmqctl, String... arguments) {
        List<String> command = new ArrayList<>(rabbitmqctl);
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Outcome(false, String.join(" ", command) + " took over " + TIMEOUT_SECONDS + " s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            String lastLine = output.isEmpty() ? "no output" : output.lines().reduce((first, second) -> second).orElse("");
            return new Outcome(process.exitValue() == 0, "exit " + process.exitValue() + ": " + lastLine);
        } catch (IOException e) {
            return new Outcome(false, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, "interrupted");
        }
    }
}

package io.kincir.rabbitmq;

import io.kincir.conformance.ExternalServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A user and a virtual host of a test's own on the shared RabbitMQ, made with {@code rabbitmqctl}
 * (names unique to the run) and deleted, with everything declared in the virtual host, on close.
 * {@code rabbitmqctl} must run on the server's machine with the right to administer it (root, or the
 * rabbitmq user); without it the test fails under {@code CI=true} and is skipped elsewhere.
 */
final class TestRabbitUser implements AutoCloseable {

    private final String username;
    private final String password;
    private final String virtualHost;

    private TestRabbitUser(String username, String password, String virtualHost) {
        this.username = username;
        this.password = password;
        this.virtualHost = virtualHost;
    }

    /** @return a user with every permission on a virtual host of its own */
    static TestRabbitUser create() {
        ExternalServer.RABBITMQ.require();
        String run = UUID.randomUUID().toString().substring(0, 8);
        TestRabbitUser user = new TestRabbitUser("kincir-test-user-" + run, "pw-" + UUID.randomUUID(),
                "kincir-test-vhost-" + run);
        rabbitmqctl("add_vhost", user.virtualHost);
        try {
            rabbitmqctl("add_user", user.username, user.password);
            rabbitmqctl("set_permissions", "-p", user.virtualHost, user.username, ".*", ".*", ".*");
        } catch (RuntimeException | Error e) {
            user.close();
            throw e;
        }
        return user;
    }

    String username() {
        return username;
    }

    String password() {
        return password;
    }

    String virtualHost() {
        return virtualHost;
    }

    /** @return a builder that logs in as this user into its virtual host */
    RabbitBackend.Builder builder() {
        return RabbitBackend.builder().host(ExternalServer.RABBITMQ.host()).port(ExternalServer.RABBITMQ.port())
                .credentials(username, password).virtualHost(virtualHost);
    }

    @Override
    public void close() {
        List<String> failures = new ArrayList<>();
        for (String[] command : List.of(new String[] {"delete_user", username}, new String[] {"delete_vhost", virtualHost})) {
            try {
                rabbitmqctl(command);
            } catch (RuntimeException e) {
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("Could not clean up after the test: " + failures);
        }
    }

    private static void rabbitmqctl(String... arguments) {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl", "-q"));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            ExternalServer.missing("rabbitmqctl is needed to create a user and a virtual host of the test's own, and "
                    + "cannot run: " + e.getMessage() + ". Install rabbitmq-server (or run .ci/run) and run the tests "
                    + "as root");
            return;
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("rabbitmqctl " + arguments[0] + " did not finish within 60s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("rabbitmqctl " + arguments[0] + " failed (" + process.exitValue()
                        + "): " + output.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running rabbitmqctl", e);
        }
    }
}

package io.kincir.fault;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * A JVM the test starts with its own classpath ({@code java.class.path}) to run one main class, whose
 * standard output and error it reads: lines that start with {@link #MARK} are kept for the test, the
 * last others for a failure message.
 */
final class ChildJvm implements AutoCloseable {

    /** Starts every line a child prints for the test to read. */
    static final String MARK = "kincir-child: ";

    /** The exit value of a process killed by SIGKILL (128 + 9), as Java reports it on Linux. */
    static final int KILLED_BY_SIGKILL = 137;

    private static final int TAIL = 60;

    private final String name;
    private final Process process;
    private final List<String> marked = new ArrayList<>();
    private final Deque<String> tail = new ArrayDeque<>();

    /** Prints a line for the test to read, in the child. */
    static void print(String line) {
        System.out.println(MARK + line);
    }

    private ChildJvm(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread reader = new Thread(this::readOutput, "kincir-child-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * @param main the class whose {@code main} runs
     * @param jvmOptions such as {@code -Xmx256m}
     * @param arguments the main method's arguments
     * @return the running child
     */
    static ChildJvm start(Class<?> main, List<String> jvmOptions, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            return new ChildJvm(main.getSimpleName() + " (pid " + process.pid() + ")", process);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start a child JVM: " + command, e);
        }
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                synchronized (this) {
                    if (line.startsWith(MARK)) {
                        marked.add(line.substring(MARK.length()));
                    } else {
                        tail.addLast(line);
                        if (tail.size() > TAIL) {
                            tail.removeFirst();
                        }
                    }
                }
            }
        } catch (IOException e) {
            // The child is gone; what it printed so far is kept.
        }
    }

    /** @return the marked lines so far, without the mark, that start with {@code prefix} */
    synchronized List<String> lines(String prefix) {
        return marked.stream().filter(line -> line.startsWith(prefix)).toList();
    }

    /**
     * Waits until at least {@code count} marked lines start with {@code prefix}; fails, with the
     * child's output, if that takes longer than {@code timeout} or the child exits first.
     *
     * @return those lines
     */
    List<String> awaitLines(String prefix, int count, Duration timeout) {
        try {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20))
                    .failFast(() -> !process.isAlive() && lines(prefix).size() < count)
                    .until(() -> lines(prefix).size() >= count);
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            fail(name + " printed " + lines(prefix).size() + " of " + count + " line(s) '" + prefix + "…' within "
                    + timeout + (process.isAlive() ? "" : " and exited") + ". " + output());
        }
        return lines(prefix);
    }

    /** @return the first marked line that starts with {@code prefix}, without it; fails if there is none */
    String value(String prefix) {
        List<String> found = lines(prefix);
        if (found.isEmpty()) {
            fail(name + " printed no line '" + prefix + "…'. " + output());
        }
        return found.get(0).substring(prefix.length());
    }

    /**
     * Kills the child with {@link Process#destroyForcibly()} (SIGKILL on Linux) and waits for it to be gone.
     *
     * @return its exit value
     */
    int kill() {
        process.destroyForcibly();
        return awaitExit(Duration.ofSeconds(30));
    }

    /** @return the exit value once the child exited; fails if it runs longer than {@code timeout} */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                fail(name + " did not exit within " + timeout + ". " + output());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("Interrupted while waiting for " + name + " to exit");
        }
        return process.exitValue();
    }

    /** @return the child's last unmarked output lines, for a failure message */
    synchronized String output() {
        return "Its last output lines:\n  " + String.join("\n  ", tail);
    }

    /** Kills the child if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}

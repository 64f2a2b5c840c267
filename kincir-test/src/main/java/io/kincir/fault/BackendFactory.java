package io.kincir.fault;

import io.kincir.Backend;
import java.util.List;

/**
 * Builds a backend in a JVM of its own: the fault tests start child processes ({@link HoldingConsumer},
 * {@link LaggingListener}) that name an implementation of this interface on their command line. It
 * needs a constructor without arguments (it may be package-private, in a backend module's tests), and
 * must build a backend that reaches the same server, with the same settings, as the test's own backend.
 */
@FunctionalInterface
public interface BackendFactory {

    /**
     * @param arguments what the test passed along, such as a port or a key prefix the server was
     *     given for this test ({@link ChildBackend#arguments()})
     * @return a new backend; the child process never closes it, since it is killed or exits
     */
    Backend create(List<String> arguments);
}

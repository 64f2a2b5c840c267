package io.kincir.conformance;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test's hold on a server that other tests and other runs share, as a JUnit extension: registered
 * on a static field with {@code @RegisterExtension}, it removes what each test left on the server
 * after the test, and closes its own connections after the test class, nested classes included.
 */
public interface SharedServer extends AfterEachCallback, AfterAllCallback, AutoCloseable {

    /** Removes what the tests made on the server (queues, streams, keys), and nothing else. */
    void clean();

    /** Cleans, then closes the connections this holds. */
    @Override
    void close();

    @Override
    default void afterEach(ExtensionContext context) {
        clean();
    }

    /** Closes after the outermost test class only: its nested classes inherit the extension. */
    @Override
    default void afterAll(ExtensionContext context) {
        if (context.getParent().flatMap(ExtensionContext::getTestClass).isEmpty()) {
            close();
        }
    }
}

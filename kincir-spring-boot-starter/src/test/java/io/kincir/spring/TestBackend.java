package io.kincir.spring;

/**
 * The {@code kincir.backend} of tests that need a backend but do not test which: this module's tests have
 * every backend module on the classpath, where an unset {@code kincir.backend} fails the start-up.
 */
public final class TestBackend {

    /** Runs a test's context on the in-memory broker. */
    public static final String IN_MEMORY = "kincir.backend=in-memory";

    private TestBackend() {
    }
}

package io.kincir.spi;

/**
 * What a backend's client reported, for error messages: a client wraps the cause that says what went
 * wrong (a refused connection, a server's reply) in exceptions of its own.
 */
public final class Failures {

    private Failures() {
    }

    /**
     * @param failure what a client threw
     * @return the innermost cause, stopping at a cause that is its own cause
     */
    public static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /**
     * @param failure what a client threw
     * @return the innermost cause's message, or its {@code toString()} if it has none
     */
    public static String rootMessage(Throwable failure) {
        Throwable root = rootCause(failure);
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}

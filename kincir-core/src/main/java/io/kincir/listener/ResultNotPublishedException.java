package io.kincir.listener;

import io.kincir.KincirException;

/**
 * Thrown by a {@link MessageHandler} that did its work but could not publish what it produced, such
 * as a reply. Running the handler again would repeat its work and its side effects, so the container
 * does not: it publishes again, waiting the listener's back-off in between, until the publish succeeds
 * or the retry policy's attempts are spent (the first publish is one), then dead-letters the message
 * with this exception as {@code _error}. A stop during a wait dead-letters it at once, for the same
 * reason: a redelivery would run the handler again.
 *
 * <p>It carries the publish itself, a live action, so it is meant for the container of the same JVM.
 */
public final class ResultNotPublishedException extends KincirException {

    private static final long serialVersionUID = 1L;

    private final String result;
    private final transient Runnable publish;

    /**
     * @param result what could not be published, and where to, for the message: "the reply to message
     *     42 to topic 'replies'"
     * @param publish publishes it again; fails as the first publish did
     * @param failure why the publish failed
     */
    public ResultNotPublishedException(String result, Runnable publish, RuntimeException failure) {
        super("The handler ran, but could not publish " + result + " (it is not run again for it): "
                + Tally.describe(failure), failure);
        this.result = result;
        this.publish = publish;
    }

    /** @throws ResultNotPublishedException if the publish failed again, with the new failure */
    void publishAgain() {
        try {
            publish.run();
        } catch (RuntimeException e) {
            throw new ResultNotPublishedException(result, publish, e);
        }
    }
}

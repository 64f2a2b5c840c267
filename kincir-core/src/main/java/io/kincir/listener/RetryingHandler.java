package io.kincir.listener;

import io.kincir.Message;
import io.kincir.MessageConversionException;
import io.kincir.MetadataKeys;

/**
 * Tries a handler up to the policy's attempts, numbering each in {@code _attempt} and waiting the
 * back-off in between. A failure the policy's exception types do not retry goes to the recoverer after
 * its attempt. A payload that cannot be converted, or a message the handler calls unprocessable, is
 * never retried, whatever the types say: it never will succeed. When the container stops during a
 * back-off, no further attempt is made: the message is to go back to the broker for the next start,
 * rather than be tried back to back and dead-lettered.
 *
 * <p>A handler that ran but could not publish its result is not run again: only the publish is
 * retried, with the same back-off and attempts ({@link ResultNotPublishedException}).
 */
final class RetryingHandler {

    /** Most messages are handled at the first attempt: their number is not made anew for each. */
    private static final String FIRST_ATTEMPT = "1";

    private final MessageHandler delegate;
    private final RetryPolicy policy;
    private final StopSignal stop;

    RetryingHandler(MessageHandler delegate, RetryPolicy policy, StopSignal stop) {
        this.delegate = delegate;
        this.policy = policy;
        this.stop = stop;
    }

    void handle(Message message) throws RetriesExhaustedException, BackoffStoppedException {
        for (int attempt = 1; ; attempt++) {
            try {
                delegate.handle(message.withMetadata(MetadataKeys.ATTEMPT, attempt == 1 ? FIRST_ATTEMPT : Integer.toString(attempt)));
                return;
            } catch (ResultNotPublishedException unpublished) {
                publishAgain(unpublished, attempt);
                return;
            } catch (Throwable failure) {
                if (!triesAgain(policy, failure, attempt)) {
                    throw new RetriesExhaustedException(attempt, failure);
                }
                if (stop.raised() || !stop.pause(policy.backoffAfter(attempt))) {
                    throw new BackoffStoppedException(attempt, failure);
                }
            }
        }
    }

    /**
     * Publishes the handler's result again until it succeeds, the attempts are spent or the container
     * stops; the last two dead-letter the message, which a redelivery would handle again.
     */
    private void publishAgain(ResultNotPublishedException unpublished, int handlerAttempts)
            throws RetriesExhaustedException {
        ResultNotPublishedException last = unpublished;
        for (int tried = 1; tried < policy.maxAttempts() && stop.pause(policy.backoffAfter(tried)); tried++) {
            try {
                last.publishAgain();
                return;
            } catch (ResultNotPublishedException again) {
                last = again;
            }
        }
        throw new RetriesExhaustedException(handlerAttempts, last);
    }

    /**
     * @return whether a message (or a batch) whose attempt {@code attempt} failed with {@code failure} is
     *     tried again: the failure is retryable at all, the policy's types allow it, and attempts are left
     */
    static boolean triesAgain(RetryPolicy policy, Throwable failure, int attempt) {
        return retryable(failure) && policy.shouldRetry(failure) && attempt < policy.maxAttempts();
    }

    /**
     * Any failure counts as a failed attempt, an {@link Error} as well: letting it escape would kill the
     * consumer thread, and the next consumer would die on the same message. A stack overflow has
     * unwound by the time it is caught, so it is retried like an exception; other virtual machine
     * errors (out of memory, an internal error) are not, since another attempt would strain a JVM that
     * may already be unusable.
     */
    static boolean retryable(Throwable failure) {
        if (failure instanceof MessageConversionException || failure instanceof UnprocessableMessageException) {
            return false;
        }
        return !(failure instanceof VirtualMachineError) || failure instanceof StackOverflowError;
    }
}

package io.kincir.listener;

import io.kincir.Message;
import io.kincir.MessageConversionException;
import io.kincir.MetadataKeys;

/**
 * Tries a handler up to the policy's attempts, numbering each in {@code _attempt} and waiting the
 * back-off in between. A payload that cannot be converted is not retried: it never will be. When the
 * container stops during a back-off, no further attempt is made: the message is to go back to the
 * broker for the next start, rather than be tried back to back and dead-lettered.
 */
final class RetryingHandler {

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
                delegate.handle(message.withMetadata(MetadataKeys.ATTEMPT, Integer.toString(attempt)));
                return;
            } catch (Throwable failure) {
                if (!retryable(failure) || attempt >= policy.maxAttempts()) {
                    throw new RetriesExhaustedException(attempt, failure);
                }
                if (stop.raised() || !stop.pause(policy.backoffAfter(attempt))) {
                    throw new BackoffStoppedException(attempt, failure);
                }
            }
        }
    }

    /**
     * Any failure counts as a failed attempt, an {@link Error} as well: letting it escape would kill the
     * consumer thread, and the next consumer would die on the same message. A stack overflow has
     * unwound by the time it is caught, so it is retried like an exception; other virtual machine
     * errors (out of memory, an internal error) are not, since another attempt would strain a JVM that
     * may already be unusable.
     */
    private static boolean retryable(Throwable failure) {
        if (failure instanceof MessageConversionException) {
            return false;
        }
        return !(failure instanceof VirtualMachineError) || failure instanceof StackOverflowError;
    }
}

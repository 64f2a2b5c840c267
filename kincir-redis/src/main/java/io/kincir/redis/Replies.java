package io.kincir.redis;

import io.kincir.spi.Failures;
import io.lettuce.core.RedisException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for Lettuce's replies, with the client's failure as it reported it. */
final class Replies {

    private Replies() {
    }

    /**
     * @return the reply
     * @throws RuntimeException the client's failure (a {@link RedisException} for what Redis or the
     *     connection reported)
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    static <T> T await(CompletionStage<T> reply) throws InterruptedException {
        try {
            return reply.toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    /**
     * @return the reply
     * @throws TimeoutException if none came within the time
     */
    static <T> T await(CompletionStage<T> reply, long millis) throws InterruptedException, TimeoutException {
        try {
            return reply.toCompletableFuture().get(millis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    /** Waits without being interruptible, for clean-up that must finish (the interrupt is kept). */
    static <T> T awaitUninterruptibly(CompletionStage<T> reply) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return await(reply);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** @return the innermost message of a failure, for error messages */
    static String reason(Throwable failure) {
        Throwable root = Failures.rootCause(failure);
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    /** @return whether Redis answered the command with an error starting with this code, such as NOGROUP */
    static boolean isError(Throwable failure, String code) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().startsWith(code)) {
                return true;
            }
        }
        return false;
    }

    private static RuntimeException unwrap(ExecutionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return cause instanceof RuntimeException runtime ? runtime : new RedisException(cause);
    }
}

package io.kincir.rabbitmq;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs each task on the thread that submits it. Given to a connection factory the backend owns, it
 * makes the client library call consumers on the connection's own I/O thread instead of handing each
 * delivery to a pool thread first: a subscriber's consumer only adds the delivery to its buffer, so the
 * pool thread would be one more thread to wake per message on the way to the receiving thread.
 *
 * <p>Only for consumers that never block: a blocked consumer would stall the connection, heartbeats
 * included.
 */
final class CallingThreadExecutor extends AbstractExecutorService {

    private volatile boolean shutdown;

    @Override
    public void execute(Runnable task) {
        if (shutdown) {
            throw new RejectedExecutionException("This executor was shut down");
        }
        task.run();
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    /** @return nothing: tasks never wait here, they run as they are submitted */
    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    /** Tasks run on their submitters' threads; once shut down, this executor counts as terminated. */
    @Override
    public boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return shutdown;
    }
}

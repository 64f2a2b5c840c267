package io.kincir.redis;

import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;

/**
 * Moves delayed messages into their streams once they fall due, on the backend's maintenance thread
 * every delay check interval (see {@code move-due.lua}). Every backend with subscribers or delayed
 * publishes runs it; the script makes that safe, so a delayed message is moved once, and moved as long
 * as one such backend runs.
 */
final class DelayMover implements Runnable {

    private static final System.Logger LOG = System.getLogger(DelayMover.class.getName());
    /** Most topics, and most messages per topic, one run moves; the next run moves the rest. */
    private static final String LIMIT = "100";

    private final RedisBackend backend;
    private boolean failing;

    DelayMover(RedisBackend backend) {
        this.backend = backend;
    }

    @Override
    public void run() {
        if (backend.isClosed()) {
            return;
        }
        try {
            Keys keys = backend.keys();
            Replies.await(LuaScript.MOVE_DUE.run(backend.shared("move delayed messages"), new byte[][] {keys.delays()},
                    Keys.bytes(keys.prefix()), Keys.bytes(LIMIT),
                    Keys.bytes(Long.toString(backend.settings().maxLength()))),
                    backend.commandTimeout().toMillis());
            failing = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | java.util.concurrent.TimeoutException e) {
            if (!failing && !backend.isClosed()) {
                LOG.log(Level.WARNING, "Cannot move delayed messages into their streams on Redis at " + backend.server()
                        + ": " + Replies.reason(e) + ". Retrying every "
                        + backend.settings().delayCheckInterval().toMillis() + " ms");
            }
            failing = true;
        }
    }

    long periodMillis() {
        return TimeUnit.NANOSECONDS.toMillis(backend.settings().delayCheckInterval().toNanos());
    }
}

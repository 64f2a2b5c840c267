package io.kincir.listener;

import io.kincir.Message;
import io.kincir.MetadataKeys;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Times each attempt, tells the observer, counts a failed attempt and records it as the listener's
 * last error, and counts an attempt that ended in an {@link Error}.
 */
final class ObservingHandler implements MessageHandler {

    private static final System.Logger LOG = System.getLogger(ObservingHandler.class.getName());

    private final MessageHandler delegate;
    private final ListenerObserver observer;
    private final ListenerTopic topic;
    private final Tally tally;
    private final boolean timed;

    ObservingHandler(MessageHandler delegate, ListenerObserver observer, ListenerTopic topic, Tally tally) {
        this.delegate = delegate;
        this.observer = observer;
        this.topic = topic;
        this.tally = tally;
        // Without an observer nobody hears the duration: the clock is not read for it. Two reads per
        // message cost about 50 ns on a virtual machine, a quarter of what the in-memory broker takes
        // to hand a listener one message.
        this.timed = observer != ListenerObserver.NONE;
    }

    @Override
    public void handle(Message message) throws Exception {
        long start = timed ? System.nanoTime() : 0;
        try {
            delegate.handle(message);
        } catch (Throwable failure) {
            tally.failedAttempts.increment();
            tally.error("Attempt " + message.metadata(MetadataKeys.ATTEMPT).orElse("?") + " at message "
                    + message.uuid() + " from topic '" + topic.topic() + "' failed: " + Tally.describe(failure));
            if (!(failure instanceof Exception)) {
                countError(message, failure);
            }
            notify(start, failure);
            throw failure;
        }
        notify(start, null);
    }

    /**
     * An {@link Error} from a handler is contained as a failed attempt, but it is rarely the handler's
     * ordinary failure (a stack overflow, memory exhausted, a class missing at run time), so it is
     * counted and logged loudly. After an {@link OutOfMemoryError} the JVM may be unusable: run with
     * {@code -XX:+ExitOnOutOfMemoryError} to have it exit instead.
     */
    private void countError(Message message, Throwable error) {
        tally.handlerErrors.increment();
        LOG.log(Level.ERROR, "Listener '" + topic.listenerId() + "' handler threw " + Tally.describe(error)
                + " at message " + message.uuid() + " from topic '" + topic.topic() + "'; counted as a failed "
                + "attempt, the consumer carries on", error);
    }

    private void notify(long start, Throwable failure) {
        if (timed) {
            observer.attempted(topic, Duration.ofNanos(System.nanoTime() - start), failure);
        }
    }
}

package io.kincir.listener;

import io.kincir.Message;
import io.kincir.MetadataKeys;
import java.lang.System.Logger.Level;
import java.time.Duration;

/** Times each attempt, tells the observer, and records a failed attempt as the listener's last error. */
final class ObservingHandler implements MessageHandler {

    private static final System.Logger LOG = System.getLogger(ObservingHandler.class.getName());

    private final MessageHandler delegate;
    private final ListenerObserver observer;
    private final ListenerTopic topic;
    private final Tally tally;

    ObservingHandler(MessageHandler delegate, ListenerObserver observer, ListenerTopic topic, Tally tally) {
        this.delegate = delegate;
        this.observer = observer;
        this.topic = topic;
        this.tally = tally;
    }

    @Override
    public void handle(Message message) throws Exception {
        long start = System.nanoTime();
        try {
            delegate.handle(message);
        } catch (Exception | Error failure) {
            tally.error("Attempt " + message.metadata(MetadataKeys.ATTEMPT).orElse("?") + " at message "
                    + message.uuid() + " from topic '" + topic.topic() + "' failed: " + Tally.describe(failure));
            notify(start, failure);
            throw failure;
        }
        notify(start, null);
    }

    private void notify(long start, Throwable failure) {
        try {
            observer.attempted(topic, Duration.ofNanos(System.nanoTime() - start), failure);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Listener observer " + observer + " failed; ignored", e);
        }
    }
}

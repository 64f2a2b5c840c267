package io.kincir.listener;

import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * An application's {@link ListenerObserver} behind a guard: an observer is there for metrics, so a
 * failure of its own is logged and ignored rather than allowed to fail the message being handled.
 */
final class GuardedObserver implements ListenerObserver {

    private static final System.Logger LOG = System.getLogger(GuardedObserver.class.getName());

    private final ListenerObserver observer;

    private GuardedObserver(ListenerObserver observer) {
        this.observer = observer;
    }

    /** @return {@code observer} guarded, or {@link ListenerObserver#NONE}, which needs no guard */
    static ListenerObserver of(ListenerObserver observer) {
        return observer == ListenerObserver.NONE || observer instanceof GuardedObserver ? observer
                : new GuardedObserver(observer);
    }

    @Override
    public void received(ListenerTopic topic) {
        try {
            observer.received(topic);
        } catch (RuntimeException e) {
            ignore(e);
        }
    }

    @Override
    public void attempted(ListenerTopic topic, Duration duration, Throwable failure) {
        try {
            observer.attempted(topic, duration, failure);
        } catch (RuntimeException e) {
            ignore(e);
        }
    }

    @Override
    public void deadLettered(ListenerTopic topic, String deadLetterTopic) {
        try {
            observer.deadLettered(topic, deadLetterTopic);
        } catch (RuntimeException e) {
            ignore(e);
        }
    }

    private void ignore(RuntimeException e) {
        LOG.log(Level.WARNING, "Listener observer " + observer + " failed; ignored", e);
    }
}

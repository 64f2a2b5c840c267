package io.kincir.spring.boot.autoconfigure;

import io.kincir.listener.ListenerObserver;
import io.kincir.listener.ListenerTopic;
import java.time.Duration;
import java.util.List;

/** Tells several observers (metrics, the application's own) what the listeners do. */
final class CompositeListenerObserver implements ListenerObserver {

    private final List<ListenerObserver> observers;

    private CompositeListenerObserver(List<ListenerObserver> observers) {
        this.observers = observers;
    }

    static ListenerObserver of(List<ListenerObserver> observers) {
        return switch (observers.size()) {
            case 0 -> ListenerObserver.NONE;
            case 1 -> observers.get(0);
            default -> new CompositeListenerObserver(List.copyOf(observers));
        };
    }

    @Override
    public void received(ListenerTopic topic) {
        observers.forEach(observer -> observer.received(topic));
    }

    @Override
    public void attempted(ListenerTopic topic, Duration duration, Throwable failure) {
        observers.forEach(observer -> observer.attempted(topic, duration, failure));
    }

    @Override
    public void deadLettered(ListenerTopic topic, String deadLetterTopic) {
        observers.forEach(observer -> observer.deadLettered(topic, deadLetterTopic));
    }
}

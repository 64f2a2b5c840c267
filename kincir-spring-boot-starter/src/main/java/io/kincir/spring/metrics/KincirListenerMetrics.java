package io.kincir.spring.metrics;

import io.kincir.listener.ListenerObserver;
import io.kincir.listener.ListenerTopic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records what listeners do as Micrometer meters, each tagged {@code topic}, {@code group} and
 * {@code backend}: counters {@code kincir.messages.consumed} (messages received),
 * {@code kincir.messages.failed} (failed attempts: a message tried three times and dead-lettered
 * counts three) and {@code kincir.messages.dead_lettered}, and the timer {@code kincir.listener}
 * (each attempt, tagged {@code outcome} {@code success} or {@code failure}).
 */
public final class KincirListenerMetrics implements ListenerObserver {

    private record Meters(Counter consumed, Counter failed, Counter deadLettered, Timer success, Timer failure) {
    }

    private final MeterRegistry registry;
    private final String backend;
    private final Map<ListenerTopic, Meters> meters = new ConcurrentHashMap<>();

    /**
     * @param registry where the meters go
     * @param backend the backend's name, for the {@code backend} tag
     */
    public KincirListenerMetrics(MeterRegistry registry, String backend) {
        this.registry = registry;
        this.backend = backend;
    }

    @Override
    public void received(ListenerTopic topic) {
        meters(topic).consumed.increment();
    }

    @Override
    public void attempted(ListenerTopic topic, Duration duration, Throwable failure) {
        Meters meters = meters(topic);
        if (failure == null) {
            meters.success.record(duration);
        } else {
            meters.failure.record(duration);
            meters.failed.increment();
        }
    }

    @Override
    public void deadLettered(ListenerTopic topic, String deadLetterTopic) {
        meters(topic).deadLettered.increment();
    }

    private Meters meters(ListenerTopic topic) {
        return meters.computeIfAbsent(topic, key -> {
            Tags tags = Tags.of("topic", key.topic(), "group", key.group(), "backend", backend);
            return new Meters(
                    Counter.builder("kincir.messages.consumed").description("Messages received by listeners")
                            .tags(tags).register(registry),
                    Counter.builder("kincir.messages.failed").description("Failed attempts to handle a message")
                            .tags(tags).register(registry),
                    Counter.builder("kincir.messages.dead_lettered")
                            .description("Messages published to a dead-letter topic after every attempt failed")
                            .tags(tags).register(registry),
                    timer(tags, "success"), timer(tags, "failure"));
        });
    }

    private Timer timer(Tags tags, String outcome) {
        return Timer.builder("kincir.listener").description("Time a listener method took to handle a message")
                .tags(tags).tag("outcome", outcome).register(registry);
    }
}

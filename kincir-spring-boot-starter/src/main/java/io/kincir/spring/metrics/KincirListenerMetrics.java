package io.kincir.spring.metrics;

import io.kincir.listener.ListenerObserver;
import io.kincir.listener.ListenerTopic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The listener meters that no observation gives, each tagged {@code topic}, {@code group} and
 * {@code backend}: the counters {@code kincir.messages.consumed} (messages received) and
 * {@code kincir.messages.dead.lettered} (messages published to a dead-letter topic after every attempt
 * failed).
 *
 * <p>Attempts are timed by the {@code kincir.handle} observation, whose timer Micrometer derives with
 * the tag {@code exception} ({@code none} when the attempt succeeded): it counts the failed attempts
 * too, so there is no counter of them here. It counts attempts, though, not messages (a message tried
 * three times is three), hence the count of messages received; and no observation knows that the
 * last attempt's failure sent the message to its dead-letter topic, hence the count of dead letters.
 */
public final class KincirListenerMetrics implements ListenerObserver {

    private record Meters(Counter consumed, Counter deadLettered) {
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
    public void deadLettered(ListenerTopic topic, String deadLetterTopic) {
        meters(topic).deadLettered.increment();
    }

    private Meters meters(ListenerTopic topic) {
        return meters.computeIfAbsent(topic, key -> {
            Tags tags = Tags.of("topic", key.topic(), "group", key.group(), "backend", backend);
            return new Meters(
                    Counter.builder("kincir.messages.consumed").description("Messages received by listeners")
                            .tags(tags).register(registry),
                    Counter.builder("kincir.messages.dead.lettered")
                            .description("Messages published to a dead-letter topic after every attempt failed")
                            .tags(tags).register(registry));
        });
    }
}

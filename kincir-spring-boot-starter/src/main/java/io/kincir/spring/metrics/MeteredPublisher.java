package io.kincir.spring.metrics;

import io.kincir.Message;
import io.kincir.Publisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A publisher that counts the messages the backend accepted in {@code kincir.messages.published}, tagged
 * {@code topic} and {@code backend}; a failed publish counts nothing. The {@code kincir.publish}
 * observation times each publish call, and a call may carry a batch: this counts its messages, which
 * that timer cannot.
 */
public final class MeteredPublisher implements Publisher {

    private final Publisher delegate;
    private final MeterRegistry registry;
    private final String backend;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    /**
     * @param delegate the publisher that publishes
     * @param registry where the counter goes
     * @param backend the backend's name, for the {@code backend} tag
     */
    public MeteredPublisher(Publisher delegate, MeterRegistry registry, String backend) {
        this.delegate = delegate;
        this.registry = registry;
        this.backend = backend;
    }

    @Override
    public void publish(String topic, List<Message> messages) {
        delegate.publish(topic, messages);
        counters.computeIfAbsent(topic, key -> Counter.builder("kincir.messages.published")
                .description("Messages the backend accepted").tags("topic", key, "backend", backend)
                .register(registry)).increment(messages.size());
    }
}

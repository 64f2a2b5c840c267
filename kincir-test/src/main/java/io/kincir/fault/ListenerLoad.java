package io.kincir.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.conformance.BackendConformance;
import io.kincir.listener.ListenerContainer;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A load, counted: {@value #DEFAULT_MESSAGES} messages (unless the backend's {@link #defaultMessages()} or
 * the system property {@value #MESSAGES_PROPERTY} says otherwise) published in batches of {@value #BATCH} to one topic, while
 * a {@link ListenerContainer} of {@value #CONCURRENCY} consumer threads handles them. Every message
 * whose publish returned must be handled at least once; duplicates are counted and printed with the
 * time taken, and fail the test only where {@link #duplicatesAllowed()} says so.
 *
 * <p>Tagged {@value #TAG}: {@code mvn verify} runs it, {@code mvn verify -DexcludedGroups=load} leaves it out.
 */
@Tag(ListenerLoad.TAG)
public abstract class ListenerLoad extends BackendConformance {

    /** The JUnit tag of the load tests. */
    public static final String TAG = "load";
    /** The system property that sets how many messages a load test publishes. */
    public static final String MESSAGES_PROPERTY = "kincir.load.messages";
    /** Messages a load publishes unless a backend or the system property {@value #MESSAGES_PROPERTY} says otherwise. */
    public static final int DEFAULT_MESSAGES = 1_000_000;
    /** Messages per publish. */
    public static final int BATCH = 1_000;
    /** Consumer threads of the listener. */
    public static final int CONCURRENCY = 4;

    private static final int PAYLOAD_BYTES = 64;

    /**
     * @param backendDefault how many the backend's test publishes unless told otherwise
     * @return how many messages a load test publishes: the system property {@value #MESSAGES_PROPERTY}
     *     if set, the backend's default otherwise
     */
    public static int messages(int backendDefault) {
        return Integer.getInteger(MESSAGES_PROPERTY, backendDefault);
    }

    /**
     * @return how many messages this backend's load publishes unless the system property
     *     {@value #MESSAGES_PROPERTY} says otherwise: 1,000,000, or fewer where a million takes longer
     *     than a build can spend on it
     */
    protected int defaultMessages() {
        return DEFAULT_MESSAGES;
    }

    /**
     * @return whether a message may be handled twice in a run without faults; true, since brokers
     *     redeliver after timeouts a loaded machine can reach. The in-memory broker returns false
     */
    protected boolean duplicatesAllowed() {
        return true;
    }

    /** @return how long the listener may handle nothing new before the load counts as stalled */
    protected Duration stallTimeout() {
        return Duration.ofSeconds(60);
    }

    @Test
    void everyMessageOfALoadIsHandledByAListenerOfFourThreads() {
        int messages = messages(defaultMessages());
        String topic = newTopic();
        CountedMessages counted = CountedMessages.of(messages);
        ListenerContainer listener = ListenerContainer.builder(backend).id("load").topics(topic).group(newGroup())
                .concurrency(CONCURRENCY).deadLetterTopic("").handler(message -> counted.handled(message.uuid()))
                .build();
        listener.start();
        try {
            long start = System.nanoTime();
            for (int from = 0; from < messages; from += BATCH) {
                counted.publish(backend.publisher(), topic, from, Math.min(from + BATCH, messages), PAYLOAD_BYTES);
            }
            long published = System.nanoTime();
            boolean complete = counted.awaitDistinct(messages, stallTimeout());
            long handled = System.nanoTime();

            assertThat(complete).as("every message handled, none for %s: %s", stallTimeout(), counted.summary()).isTrue();
            assertThat(counted.foreign()).as("messages handled that were not published by this test").isZero();
            if (!duplicatesAllowed()) {
                assertThat(counted.duplicates()).as("duplicates").isZero();
            }
            double seconds = (handled - start) / 1e9;
            System.out.printf("kincir-load: %s: %,d messages handled by %d threads in %.1f s (%,.0f msg/s; publishing "
                    + "took %.1f s), %d duplicates%n", backend.getClass().getSimpleName(), messages, CONCURRENCY, seconds,
                    messages / seconds, (published - start) / 1e9, counted.duplicates());
        } finally {
            listener.stop();
        }
    }
}

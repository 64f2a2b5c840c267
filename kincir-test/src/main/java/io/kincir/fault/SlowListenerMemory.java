package io.kincir.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.AckSubscriber;
import io.kincir.conformance.BackendConformance;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Memory stays bounded when a publisher is far faster than its listener: in a child JVM with a heap
 * of {@value #HEAP_MEGABYTES} MiB ({@link LaggingListener}), {@link #defaultMessages()} messages (unless the system
 * property {@value ListenerLoad#MESSAGES_PROPERTY} says otherwise) of
 * {@value #PAYLOAD_BYTES} bytes — more than that heap holds — are published while a listener of
 * {@value ListenerLoad#CONCURRENCY} threads handles none of them. The publisher must meet back-pressure
 * instead of an {@link OutOfMemoryError}: a backend with bounded queues ({@link io.kincir.Features#boundedQueues()},
 * the in-memory broker) refuses batches with {@link io.kincir.QueueFullException}, and every message it
 * accepted is then handled exactly once, none it refused; a broker keeps the backlog, and the client's
 * own buffers (a Kafka producer's {@code buffer.memory}, each backend's receive-ahead bound) must keep
 * the heap used after a garbage collection below {@link #heapBound()}.
 *
 * <p>Tagged {@value ListenerLoad#TAG}, like {@link ListenerLoad}.
 */
@Tag(ListenerLoad.TAG)
public abstract class SlowListenerMemory extends BackendConformance {

    /** The child's heap: {@code -Xmx}. */
    public static final int HEAP_MEGABYTES = 256;
    /** Bytes of each message's payload: a million of them fill more than the child's heap. */
    public static final int PAYLOAD_BYTES = 256;

    /**
     * @return how the child builds a backend that reaches the same server with the same settings as
     *     {@link #createBackend()}'s; called once per test, after {@link #createBackend()}
     */
    protected abstract ChildBackend childBackend();

    /** @return the most heap the child may use after a garbage collection while its listener lags: half its heap */
    protected long heapBound() {
        return HEAP_MEGABYTES / 2 * 1024L * 1024;
    }

    /**
     * @return whether the child handles the backlog before it exits, counting every message; a
     *     broker's backlog of a million takes as long as {@link ListenerLoad} again, so only the in-memory
     *     broker, whose bounded queue keeps the backlog small, returns true
     */
    protected boolean drainsTheBacklog() {
        return false;
    }

    /**
     * @return how many messages the child publishes unless the system property
     *     {@value ListenerLoad#MESSAGES_PROPERTY} says otherwise: {@value ListenerLoad#DEFAULT_MESSAGES},
     *     whose payloads alone fill more than the child's heap, or fewer where that takes longer than a
     *     build can spend on it
     */
    protected int defaultMessages() {
        return ListenerLoad.DEFAULT_MESSAGES;
    }

    /** @return the longest the child may run */
    protected Duration childTimeout() {
        return Duration.ofMinutes(20);
    }

    @Test
    void aPublisherFarFasterThanItsListenerMeetsBackPressureNotAnOutOfMemoryError() {
        String topic = newTopic();
        String group = newGroup();
        // The group exists before the child publishes, and this test's backend knows what to clean up.
        try (AckSubscriber member = backend.ackSubscriber(group)) {
            member.subscribe(topic);
        }
        int messages = ListenerLoad.messages(defaultMessages());
        List<String> arguments = Stream.concat(Stream.of(topic, group, Integer.toString(messages),
                Integer.toString(PAYLOAD_BYTES), drainsTheBacklog() ? "drain" : "leave"),
                childBackend().commandLine().stream()).toList();
        try (ChildJvm child = ChildJvm.start(LaggingListener.class,
                List.of("-Xmx" + HEAP_MEGABYTES + "m", "-XX:+ExitOnOutOfMemoryError"), arguments)) {
            int exit = child.awaitExit(childTimeout());
            assertThat(exit).as("exit value of %s (3 is an OutOfMemoryError). %s", child, child.output()).isZero();

            long published = Long.parseLong(child.value(LaggingListener.PUBLISHED));
            long refused = Long.parseLong(child.value(LaggingListener.REFUSED));
            long heap = Long.parseLong(child.value(LaggingListener.HEAP_AFTER_GC));
            assertThat(published + refused).as("published and refused").isEqualTo(messages);
            assertThat(published).as("messages published").isPositive();
            if (backend.features().boundedQueues()) {
                assertThat(refused).as("messages refused with QueueFullException").isPositive();
            } else {
                assertThat(refused).as("messages refused").isZero();
            }
            assertThat(heap).as("heap used after GC while the listener lagged by %,d messages", published)
                    .isLessThan(heapBound());
            String drained = "";
            if (drainsTheBacklog()) {
                assertThat(Long.parseLong(child.value(LaggingListener.HANDLED))).as("accepted messages handled")
                        .isEqualTo(published);
                assertThat(Long.parseLong(child.value(LaggingListener.DUPLICATES))).as("duplicates").isZero();
                assertThat(Long.parseLong(child.value(LaggingListener.REFUSED_BUT_HANDLED)))
                        .as("refused messages that were handled nonetheless").isZero();
                drained = ", all handled once in " + child.value(LaggingListener.DRAIN_MILLIS) + " ms";
            }
            System.out.printf("kincir-load: %s: %,d published in %s ms, %,d refused, heap after GC %.1f MiB of %.0f MiB "
                    + "while the listener lagged by %,d%s%n", backend.getClass().getSimpleName(), published,
                    child.value(LaggingListener.PUBLISH_MILLIS), refused, heap / 1048576.0,
                    Long.parseLong(child.value(LaggingListener.MAX_HEAP)) / 1048576.0, published, drained);
        }
    }
}

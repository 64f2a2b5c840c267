package io.kincir.fault;

import io.kincir.Backend;
import io.kincir.QueueFullException;
import io.kincir.listener.ListenerContainer;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.BitSet;
import java.util.concurrent.CountDownLatch;

/**
 * The process {@link SlowListenerMemory} runs in a small heap: it publishes far faster than its
 * listener handles, measures the heap while the listener lags, then lets the listener go.
 *
 * <p>Command line: {@code <topic> <group> <messages> <payload bytes> drain|leave <BackendFactory class>
 * [its arguments…]}. A {@link ListenerContainer} of {@value ListenerLoad#CONCURRENCY} threads joins the
 * group; its handler waits until the measurement is taken, so the listener lags by everything published.
 * The messages are published in batches of {@value ListenerLoad#BATCH}; a batch refused with a
 * {@link QueueFullException} is counted as refused and publishing goes on. Then, after a garbage
 * collection, the used heap is printed ({@code kincir-child: heap-after-gc <bytes>}) with the counts,
 * the handler is let go and, with {@code drain}, every accepted message must be handled before the
 * process exits with 0.
 */
public final class LaggingListener {

    static final String PUBLISHED = "published ";
    static final String REFUSED = "refused ";
    static final String QUEUE_FULL = "queue-full ";
    static final String PUBLISH_MILLIS = "publish-millis ";
    static final String HEAP_AFTER_GC = "heap-after-gc ";
    static final String MAX_HEAP = "max-heap ";
    static final String HANDLED = "handled ";
    static final String DUPLICATES = "duplicates ";
    static final String REFUSED_BUT_HANDLED = "refused-but-handled ";
    static final String DRAIN_MILLIS = "drain-millis ";

    private static final Duration STALL = Duration.ofSeconds(60);

    private LaggingListener() {
    }

    /**
     * @param args {@code <topic> <group> <messages> <payload bytes> drain|leave <BackendFactory class> [its arguments…]}
     * @throws Exception if the backend fails; the process then exits with a stack trace
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 6) {
            throw new IllegalArgumentException("Usage: LaggingListener <topic> <group> <messages> <payload bytes> "
                    + "drain|leave <BackendFactory class> [its arguments…]; was " + Arrays.toString(args));
        }
        String topic = args[0];
        int messages = Integer.parseInt(args[2]);
        int payloadBytes = Integer.parseInt(args[3]);
        boolean drain = "drain".equals(args[4]);
        Backend backend = ChildBackend.create(Arrays.asList(args).subList(5, args.length));
        CountedMessages counted = CountedMessages.of(messages);
        CountDownLatch measured = new CountDownLatch(1);
        ListenerContainer listener = ListenerContainer.builder(backend).id("lagging").topics(topic).group(args[1])
                .concurrency(ListenerLoad.CONCURRENCY).deadLetterTopic("")
                .handler(message -> {
                    measured.await();
                    counted.handled(message.uuid());
                })
                .build();
        listener.start();

        BitSet refused = new BitSet(messages);
        long start = System.nanoTime();
        for (int from = 0; from < messages; from += ListenerLoad.BATCH) {
            int to = Math.min(from + ListenerLoad.BATCH, messages);
            try {
                counted.publish(backend.publisher(), topic, from, to, payloadBytes);
            } catch (QueueFullException e) {
                if (refused.isEmpty()) {
                    ChildJvm.print(QUEUE_FULL + e.getMessage());
                }
                refused.set(from, to);
            }
        }
        ChildJvm.print(PUBLISH_MILLIS + (System.nanoTime() - start) / 1_000_000);
        int accepted = messages - refused.cardinality();
        ChildJvm.print(PUBLISHED + accepted);
        ChildJvm.print(REFUSED + refused.cardinality());
        ChildJvm.print(HEAP_AFTER_GC + usedHeapAfterGc());
        ChildJvm.print(MAX_HEAP + Runtime.getRuntime().maxMemory());

        measured.countDown();
        if (drain) {
            long drainStart = System.nanoTime();
            counted.awaitDistinct(accepted, STALL);
            ChildJvm.print(DRAIN_MILLIS + (System.nanoTime() - drainStart) / 1_000_000);
            ChildJvm.print(HANDLED + counted.distinct());
            ChildJvm.print(DUPLICATES + counted.duplicates());
            ChildJvm.print(REFUSED_BUT_HANDLED + refused.stream().filter(counted::wasHandled).count());
        }
        listener.stop();
        backend.close();
        System.exit(0);
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

package io.kincir.fault;

import io.kincir.BackendUnavailableException;
import io.kincir.Message;
import io.kincir.PublishException;
import io.kincir.Publisher;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A thread that publishes one message after another to a topic until stopped, a steady stream rather
 * than a flood, so that a fault falls in the middle of it. It records the uuid of every message whose
 * publish returned, counts the publishes that failed as a backend may fail them while its broker is
 * unreachable ({@link PublishException}, {@link BackendUnavailableException}), and keeps any other
 * failure as unexpected.
 */
final class PublishingLoop {

    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final Publisher publisher;
    private final String topic;
    private final Set<String> published = ConcurrentHashMap.newKeySet();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicLong longestNanos = new AtomicLong();
    private final Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    private final AtomicReference<RuntimeException> firstFailure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean running = true;

    PublishingLoop(Publisher publisher, String topic) {
        this.publisher = publisher;
        this.topic = topic;
        this.thread = new Thread(this::run, "fault-test-publisher");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        long sequence = 0;
        while (running) {
            Message message = Message.of("message-" + sequence++);
            long started = System.nanoTime();
            try {
                publisher.publish(topic, message);
                published.add(message.uuid());
            } catch (PublishException | BackendUnavailableException e) {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, e);
            } catch (RuntimeException e) {
                unexpected.add(e);
            }
            longestNanos.accumulateAndGet(System.nanoTime() - started, Math::max);
            LockSupport.parkNanos(PAUSE_NANOS);
        }
    }

    /** Stops publishing and waits for the publish in flight to return. */
    void stop() throws InterruptedException {
        running = false;
        thread.join(TimeUnit.MINUTES.toMillis(2));
    }

    /** @return the uuids of the messages whose publish returned */
    Set<String> published() {
        return published;
    }

    int publishedCount() {
        return published.size();
    }

    int failedCount() {
        return failed.get();
    }

    /** @return the first publish that failed as expected, to show how a backend reports an outage */
    RuntimeException firstFailure() {
        return firstFailure.get();
    }

    /** @return the longest one publish call took, failed or not */
    Duration longestPublish() {
        return Duration.ofNanos(longestNanos.get());
    }

    /** @return failures other than those a backend reports for an unreachable broker */
    List<Throwable> unexpected() {
        return List.copyOf(unexpected);
    }
}

package io.kincir.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kincir.AckSubscriber;
import io.kincir.Backend;
import io.kincir.Subscriber;
import io.kincir.listener.ListenerContainer;
import io.kincir.listener.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;

/**
 * One topic, a publisher publishing to it in a loop, and three groups consuming it, each in its own
 * way: a {@link ListenerContainer} with two consumers, a plain {@link Subscriber} and an
 * {@link AckSubscriber}. Each group must handle every message whose publish returned (Jepsen-style: a
 * loss fails, a duplicate is counted). The groups subscribe before the first publish.
 */
final class CountedStream implements AutoCloseable {

    /** How long a stream may take to show progress, or to catch up, before the test fails. */
    static final Duration DEADLINE = Duration.ofSeconds(90);

    private final Backend backend;
    private final String topic;
    private final Handled byListener = new Handled("listener");
    private final ListenerContainer listener;
    private final List<ReceivingLoop> receivers = new ArrayList<>();
    private final PublishingLoop publishing;
    private final long startedAt = System.nanoTime();
    private final List<String> timeline = new ArrayList<>();
    private final Subscriber plain;
    private final AckSubscriber acknowledging;
    private boolean reported;

    private CountedStream(Backend backend) {
        this.backend = backend;
        String run = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        this.topic = "kincir-faults-" + run;
        this.listener = ListenerContainer.builder(backend).id("faults-" + run).topics(topic)
                .group("faults-listener-" + run)
                .concurrency(2)
                .handler(byListener::add)
                .retryPolicy(RetryPolicy.of(3, Duration.ofMillis(10), 2.0, Duration.ofMillis(100)))
                .pollTimeout(Duration.ofMillis(200))
                .recoveryInterval(Duration.ofMillis(500))
                .build();
        this.plain = backend.subscriber("faults-subscriber-" + run);
        this.acknowledging = backend.ackSubscriber("faults-ack-subscriber-" + run);
        receivers.add(ReceivingLoop.plain(plain, new Handled("subscriber")));
        receivers.add(ReceivingLoop.acknowledging(acknowledging, new Handled("ack subscriber")));
        this.publishing = new PublishingLoop(backend.publisher(), topic);
    }

    /**
     * Subscribes every group, then starts publishing and consuming.
     *
     * @param backend the backend; the caller closes it after this stream
     * @return the running stream; the caller closes it
     */
    static CountedStream start(Backend backend) throws InterruptedException {
        CountedStream stream = new CountedStream(backend);
        try {
            stream.listener.start();
            stream.plain.subscribe(stream.topic);
            stream.acknowledging.subscribe(stream.topic);
        } catch (RuntimeException e) {
            stream.close();
            throw e;
        }
        stream.mark("every group subscribed");
        stream.receivers.forEach(ReceivingLoop::start);
        stream.publishing.start();
        return stream;
    }

    /** Waits until every group handled {@code count} more messages than it had when this was called. */
    void awaitProgress(String what, int count) {
        awaitProgress(what, count, DEADLINE);
    }

    /**
     * Waits until every group handled {@code count} more messages than it had when this was called, and
     * as many more were published.
     *
     * @param within the deadline
     */
    void awaitProgress(String what, int count, Duration within) {
        List<IntSupplier> counts = new ArrayList<>();
        for (Handled handled : handled()) {
            int from = handled.count();
            counts.add(() -> handled.count() - from);
        }
        int publishedFrom = publishing.publishedCount();
        await(what).atMost(within).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> assertThat(
                publishing.publishedCount() - publishedFrom >= count
                        && counts.stream().allMatch(progress -> progress.getAsInt() >= count))
                .as("%s: %d more published and handled by every group, from %d published (%s)", what, count,
                        publishedFrom, describe())
                .isTrue());
        mark(what);
    }

    /** Notes in the timeline printed with the figures that something happened now. */
    void mark(String what) {
        synchronized (timeline) {
            StringBuilder counts = new StringBuilder().append(publishing.publishedCount());
            handled().forEach(handled -> counts.append('/').append(handled.count()));
            timeline.add(String.format("%.1f s %s (%s)", (System.nanoTime() - startedAt) / 1e9, what, counts));
        }
    }

    /** Waits until a publish fails, as it must while the broker cannot be reached. */
    void awaitFailedPublish(String what) {
        int from = publishing.failedCount();
        await(what).atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> publishing.failedCount() > from);
        mark(what);
    }

    /**
     * Stops publishing, waits until every group handled every message whose publish returned, and
     * asserts that nothing went wrong on the way: no unexpected exception, the listener still running
     * with both its consumers.
     *
     * @param scenario names the test in the figures printed and in failure messages
     * @param duplicatesAllowed whether a message may be handled twice by a group
     * @param within how long the groups may take to handle what was left once publishing stopped
     */
    void finish(String scenario, boolean duplicatesAllowed, Duration within) throws InterruptedException {
        publishing.stop();
        Set<String> published = publishing.published();
        try {
            await(scenario + ": every message whose publish returned handled by every group").atMost(within)
                    .pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> {
                        for (Handled handled : handled()) {
                            List<String> missing = handled.missing(published);
                            assertThat(missing).as("%s: of %d messages whose publish returned, the %s has not handled"
                                    + " %d (%s)", scenario, published.size(), handled.consumer(), missing.size(),
                                    describe()).isEmpty();
                        }
                    });
            mark("every message handled");
        } finally {
            report(scenario);
        }
        List<Throwable> unexpected = new ArrayList<>(publishing.unexpected());
        receivers.forEach(receiver -> unexpected.addAll(receiver.unexpected()));
        assertThat(unexpected).as("%s: exceptions a backend must not throw while its broker is unreachable (%s)",
                scenario, describe()).isEmpty();
        assertThat(listener.isRunning()).as("%s: the listener runs", scenario).isTrue();
        assertThat(listener.state().consumers()).as("%s: the listener's consumers", scenario).isEqualTo(2);
        if (!duplicatesAllowed) {
            for (Handled handled : handled()) {
                assertThat(handled.duplicates()).as("%s: duplicates handled by the %s (%s)", scenario,
                        handled.consumer(), describe()).isZero();
            }
        }
    }

    /** Prints the figures and the timeline, once. */
    private void report(String scenario) {
        synchronized (timeline) {
            if (reported) {
                return;
            }
            reported = true;
            RuntimeException failure = publishing.firstFailure();
            System.out.println("[faults] " + scenario + ": " + describe() + "\n[faults]   timeline (published/"
                    + "handled by listener/subscriber/ack subscriber): " + String.join("; ", timeline)
                    + (failure == null ? "" : "\n[faults]   first failed publish: " + failure));
        }
    }

    private List<Handled> handled() {
        List<Handled> all = new ArrayList<>();
        all.add(byListener);
        receivers.forEach(receiver -> all.add(receiver.handled()));
        return all;
    }

    private String describe() {
        StringBuilder text = new StringBuilder();
        text.append(backend.getClass().getSimpleName()).append(": ")
                .append(publishing.publishedCount()).append(" publishes returned, ")
                .append(publishing.failedCount()).append(" failed, longest publish ")
                .append(publishing.longestPublish().toMillis()).append(" ms; ");
        text.append(byListener);
        for (ReceivingLoop receiver : receivers) {
            text.append(", ").append(receiver.handled());
            if (receiver.receiveFailures() > 0 || receiver.settleFailures() > 0) {
                text.append(" [").append(receiver.receiveFailures()).append(" failed receives, ")
                        .append(receiver.settleFailures()).append(" failed acks]");
            }
        }
        return text.toString();
    }

    /** Stops publishing and consuming, printing the figures if a failure came first; the backend stays open. */
    @Override
    public void close() throws InterruptedException {
        report("stopped before the end");
        publishing.stop();
        for (ReceivingLoop receiver : receivers) {
            receiver.stop();
        }
        listener.stop();
    }
}

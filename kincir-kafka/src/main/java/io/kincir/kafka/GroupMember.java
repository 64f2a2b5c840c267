package io.kincir.kafka;

import io.kincir.BackendUnavailableException;
import io.kincir.BrokerShutdownException;
import io.kincir.KincirException;
import io.kincir.Message;
import io.kincir.spi.Deadline;
import io.kincir.spi.Expiry;
import io.kincir.spi.Receiver;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * One Kafka consumer and the thread that polls it, behind a subscriber or an ack subscriber.
 *
 * <p>A {@code KafkaConsumer} is not thread-safe, and must keep polling to stay in its group even while
 * the application does not receive. So only the poll thread touches it: it feeds fetched records to a
 * hand-off queue that {@code receive} takes from (pausing every partition while the queue holds
 * {@code receiveBuffer} records or {@code receiveBufferBytes} bytes, until both are down to half), runs the commands other threads post (subscribe, close), commits
 * settled offsets after each poll, and handles rebalances. A named group joins with
 * {@code subscribe}; a private subscriber assigns itself every partition and reads from the end, with
 * no group on the broker to clean up. A record past its {@code _ttl} is settled and counted as it would be
 * handed out, never handed out.
 */
final class GroupMember implements Receiver<Fetched> {

    private static final Fetched STOPPED = new Fetched(new TopicPartition("kincir-stopped", 0), -1, -1,
            () -> Message.of(new byte[0]), 0);
    // Put in the hand-off by a requeue to wake a receiver waiting there; handed out nowhere, since its
    // partition is never owned.
    private static final Fetched REQUEUED = new Fetched(new TopicPartition("kincir-requeued", 0), -1, -1,
            () -> Message.of(new byte[0]), 0);
    private static final long RECEIVE_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final AtomicLong THREADS = new AtomicLong();
    private static final int TAKE_CHUNK = 256;
    // How long a joined member waits for more subscriptions before it rejoins with all of them.
    private static final Duration RESUBSCRIBE_QUIET = Duration.ofMillis(20);

    private final String group;
    private final Consumer<byte[], byte[]> consumer;
    private final Topics topics;
    private final KafkaSettings settings;
    private final boolean untilSettled;
    private final java.util.function.Consumer<GroupMember> onClose;
    private final LongAdder expired;
    private final PartitionLedger ledger = new PartitionLedger();
    private final LinkedBlockingDeque<Fetched> handOff = new LinkedBlockingDeque<>();
    // Records a receiver moved out of the hand-off in one go, handed out from here first: one lock and
    // at most one wake-up per chunk instead of per record. Concurrent because a requeue (nack) may
    // come from any thread; a record of a partition that moved meanwhile is refused by the ledger.
    private final ConcurrentLinkedDeque<Fetched> taken = new ConcurrentLinkedDeque<>();
    private final LinkedBlockingQueue<Runnable> commands = new LinkedBlockingQueue<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Set<String> requested = new HashSet<>();
    // Bytes of the records fetched and not yet handed out, in the hand-off and in taken.
    private final AtomicLong fetchedBytes = new AtomicLong();

    private final Subscriptions subscriptions;

    private volatile boolean polling;
    private volatile boolean paused;
    private volatile boolean closing;
    private volatile boolean backendClosed;
    private volatile Throwable failure;
    // Set by the application thread: a joined member rejoins only once no subscribe is under way and
    // none was for a moment, so that subscribing to many topics in a row costs one rebalance.
    private final AtomicInteger subscribing = new AtomicInteger();
    private volatile long lastSubscriptionNanos;

    /**
     * @param group the group, or null for a private subscriber
     * @param offsetReset the consumer's {@code auto.offset.reset}: where a partition without a committed
     *     offset starts
     * @param untilSettled whether handed-out records stay outstanding until settled (ack subscriber)
     * @param onClose told once the member stopped
     * @param expired counts the records skipped past their {@code _ttl}
     */
    GroupMember(String group, String offsetReset, Consumer<byte[], byte[]> consumer, Topics topics, KafkaSettings settings,
            boolean untilSettled, java.util.function.Consumer<GroupMember> onClose, LongAdder expired) {
        this.group = group;
        this.consumer = consumer;
        this.topics = topics;
        this.settings = settings;
        this.untilSettled = untilSettled;
        this.onClose = onClose;
        this.expired = expired;
        this.subscriptions = new Subscriptions(group, offsetReset, consumer, ledger, handOff,
                released -> fetchedBytes.addAndGet(-released.bytes()));
        Thread thread = new Thread(this::pollUntilClosed,
                "kincir-kafka-" + (group == null ? "private" : group) + "-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    // ---- application side ----

    @Override
    public void subscribe(String topic) {
        Objects.requireNonNull(topic, "topic");
        ensureUsable();
        if (requested.contains(topic)) {
            return;
        }
        subscribing.incrementAndGet();
        try {
            Topics.Known known = topics.ensure(topic);
            CompletableFuture<Void> done = new CompletableFuture<>();
            post(() -> subscriptions.begin(topic, known, done));
            done.get(settings.operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new BackendUnavailableException("Subscribing " + describe() + " to Kafka topic '" + topic
                    + "' did not complete within " + settings.operationTimeout() + ": no partitions were assigned."
                    + " Check that the brokers are reachable and the group coordinator is available", e);
        } catch (ExecutionException e) {
            throw new KincirException("Could not subscribe " + describe() + " to Kafka topic '" + topic + "': "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KincirException("Interrupted while subscribing to Kafka topic '" + topic + "'", e);
        } finally {
            lastSubscriptionNanos = System.nanoTime();
            subscribing.decrementAndGet();
        }
        requested.add(topic);
    }

    /** @return the next record, handed out; null if none came within the timeout (null: no limit) */
    @Override
    public Fetched next(Duration timeout) throws InterruptedException {
        ensureUsable();
        Deadline deadline = Deadline.after(timeout);
        while (true) {
            long wait = Math.min(RECEIVE_SLICE_NANOS, deadline.remainingNanos());
            if (wait < 0) {
                return null;
            }
            Fetched record = taken.pollFirst();
            if (record == null) {
                record = handOff.poll(wait, TimeUnit.NANOSECONDS);
                if (record != null && record != STOPPED) {
                    handOff.drainTo(taken, TAKE_CHUNK);
                }
            }
            if (record == STOPPED) {
                handOff.addFirst(STOPPED);
            } else if (record != null) {
                fetchedBytes.addAndGet(-record.bytes());
            }
            ensureUsable();
            if (record != null && ledger.handOut(record, untilSettled)) {
                if (resumeDue()) {
                    wake();
                }
                if (Expiry.hasExpired(record.message(), System.currentTimeMillis())) {
                    // Settled, so its offset is committed: it never comes back.
                    if (untilSettled) {
                        ledger.settle(record);
                    }
                    expired.increment();
                    continue;
                }
                return record;
            }
        }
    }

    void settle(Fetched record) {
        ledger.settle(record);
    }

    /** Hands the record out again next, unless its partition moved (then its new owner reads it again). */
    void requeue(Fetched record) {
        if (ledger.isCurrent(record)) {
            fetchedBytes.addAndGet(record.bytes());
            taken.addFirst(record);
            handOff.addFirst(REQUEUED);
        }
    }

    long fetchedAheadBytes() {
        return fetchedBytes.get();
    }

    boolean isClosed() {
        return closing || ledger.isClosed();
    }

    /** Commits what is settled, leaves the group and stops the poll thread. */
    @Override
    public void close() {
        closing = true;
        commands.add(() -> { });
        wake();
        try {
            stopped.await(settings.operationTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes because the backend closes: a waiting receiver gets a {@link BrokerShutdownException}. */
    void closeWithBackend() {
        backendClosed = true;
        close();
    }

    private void ensureUsable() {
        Throwable cause = failure;
        if (cause != null) {
            throw new KincirException("The Kafka consumer of " + describe() + " stopped: " + cause.getMessage()
                    + ". Close this subscriber and create a new one", cause);
        }
        if (backendClosed) {
            throw new BrokerShutdownException("The Kafka backend was closed; " + describe() + " receives nothing more");
        }
        if (closing) {
            throw new IllegalStateException("This subscriber is closed; create a new one");
        }
    }

    private void post(Runnable command) {
        commands.add(command);
        wake();
    }

    private void wake() {
        if (polling) {
            consumer.wakeup();
        }
    }

    private String describe() {
        return group == null ? "a private subscriber" : "group '" + group + "'";
    }

    // ---- poll thread ----

    private void pollUntilClosed() {
        try {
            while (!closing) {
                runCommands();
                if (closing) {
                    break;
                }
                if (subscriptions.isEmpty()) {
                    awaitCommand();
                    continue;
                }
                if (subscriptions.rejoinDue() && subscribing.get() == 0
                        && System.nanoTime() - lastSubscriptionNanos >= RESUBSCRIBE_QUIET.toNanos()) {
                    subscriptions.rejoin();
                }
                ConsumerRecords<byte[], byte[]> records = poll();
                if (subscriptions.handoverFailure() != null) {
                    throw subscriptions.handoverFailure();
                }
                for (TopicPartition partition : records.partitions()) {
                    long ownership = ledger.ownership(partition);
                    if (ownership >= 0) {
                        for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                            int bytes = RecordCodec.sizeOf(record);
                            fetchedBytes.addAndGet(bytes);
                            handOff.add(new Fetched(partition, record.offset(), ownership,
                                    () -> RecordCodec.toMessage(record), bytes));
                        }
                    }
                }
                regulateFetching();
                commitProgress();
                subscriptions.complete();
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            subscriptions.fail(e);
        } finally {
            shutDown();
        }
    }

    private ConsumerRecords<byte[], byte[]> poll() {
        polling = true;
        try {
            // Checked after polling is set: a receiver that drained the hand-off before then saw polling
            // false and did not wake the consumer, so this thread must resume fetching itself rather than
            // block a whole poll timeout on paused partitions.
            if (!commands.isEmpty() || closing || resumeDue()) {
                return ConsumerRecords.empty();
            }
            return consumer.poll(subscriptions.rejoinDue() ? RESUBSCRIBE_QUIET : settings.pollTimeout());
        } catch (WakeupException e) {
            return ConsumerRecords.empty();
        } finally {
            polling = false;
        }
    }

    private void runCommands() {
        for (Runnable command = commands.poll(); command != null; command = commands.poll()) {
            command.run();
        }
    }

    private void awaitCommand() {
        try {
            Runnable command = commands.poll(settings.pollTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (command != null) {
                command.run();
            }
        } catch (InterruptedException e) {
            closing = true;
        }
    }

    private void regulateFetching() {
        if (handOff.size() >= settings.receiveBuffer() || fetchedBytes.get() >= settings.receiveBufferBytes()) {
            consumer.pause(consumer.assignment());
            paused = true;
        } else if (resumeDue()) {
            consumer.resume(consumer.paused());
            paused = false;
        }
    }

    private boolean resumeDue() {
        return paused && handOff.size() <= settings.receiveBuffer() / 2
                && fetchedBytes.get() <= settings.receiveBufferBytes() / 2;
    }

    private void commitProgress() {
        if (group == null) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = ledger.progress();
        if (!offsets.isEmpty()) {
            // A failed asynchronous commit is superseded by the next one, or by the synchronous commit on
            // revocation or close; until then a crash re-delivers, never skips.
            consumer.commitAsync(offsets, null);
        }
    }

    private void shutDown() {
        Map<TopicPartition, OffsetAndMetadata> offsets = ledger.close().uncommitted();
        handOff.clear();
        taken.clear();
        try {
            if (group != null && failure == null && !offsets.isEmpty()) {
                PartitionHandover.unwoken(() -> {
                    consumer.commitSync(offsets, settings.operationTimeout());
                    return null;
                });
            }
        } catch (KafkaException e) {
            // The group re-delivers from the previous commit.
        }
        try {
            consumer.close(CloseOptions.timeout(settings.operationTimeout()));
        } catch (KafkaException e) {
            // Leaving the group failed: the broker drops this member after its session timeout.
        }
        closing = true;
        handOff.add(STOPPED);
        stopped.countDown();
        onClose.accept(this);
    }
}

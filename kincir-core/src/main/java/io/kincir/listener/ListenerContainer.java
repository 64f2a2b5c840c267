package io.kincir.listener;

import io.kincir.AckSubscriber;
import io.kincir.Backend;
import io.kincir.KincirException;
import io.kincir.Message;
import io.kincir.Publisher;
import io.kincir.Subscriber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a {@link MessageHandler} on messages from one or more topics, as a member of a subscriber
 * group, on any {@link Backend}.
 *
 * <p>For each topic, {@code concurrency} consumer threads each own an {@link AckSubscriber} in the
 * group and receive with a poll timeout while the container runs. The handler sees each message with
 * {@code _attempt} metadata. Success acknowledges it. A failure is retried in the same thread with
 * the {@link RetryPolicy}'s back-off; when every attempt failed (at once for a
 * {@link io.kincir.MessageConversionException}) the message is published to the dead-letter topic
 * ({@code <topic>.dlq} unless set) with {@code _error}, {@code _original_topic} and
 * {@code _attempt}, then acknowledged; an {@link UnprocessableMessageException} is not retried either. A
 * handler that ran but could not publish its result ({@link ResultNotPublishedException}) is not run
 * again: only that publish is retried, with the same back-off and attempts, and the message is
 * dead-lettered if it never succeeds. If the dead-letter publish fails, it is tried again after the recovery
 * interval, up to {@link ListenerContainerBuilder#deadLetterAttempts} times, without running the
 * handler again; if every try fails the message is parked: acknowledged, so it stops blocking the
 * messages behind it, kept in {@link #parked()}, counted in {@link ListenerState#parked()} and logged
 * at ERROR. With dead-lettering turned off, such a message is logged at ERROR and dropped.
 * {@link AckMode#AT_MOST_ONCE} acknowledges before the handler runs.
 *
 * <p>Built with a {@link BatchHandler} instead, each consumer hands the handler batches: up to the batch
 * size, or what arrived within the batch timeout of the first message. The batch is acknowledged, retried
 * and dead-lettered as {@link BatchHandler} says: acknowledged as one after the handler returns, retried
 * whole, and each of its messages dead-lettered on its own once every attempt failed.
 *
 * <p>Before it consumes, the container makes sure each dead-letter topic has a durable group (named
 * by {@link ListenerContainerBuilder#deadLetterGroup}) that keeps the dead letters until someone reads them: a backend
 * keeps nothing for a topic without groups.
 *
 * <p>{@link #start()} returns once every subscription is in place. {@link #stop()} is graceful: the
 * consumers stop receiving, handlers in flight finish and acknowledge, each consumer closes its
 * subscriber; consumers still busy after the shutdown timeout are interrupted. A message waiting for
 * its next attempt when the stop comes is not tried again: it goes back to the broker
 * ({@code nack(true)}) for the next start, or, acknowledged already at most once, to the dead-letter
 * topic. A stopped container can be started again. {@link #pause()} keeps the consumers and their
 * subscriptions but stops them receiving until {@link #resume()}. Thread-safe.
 */
public final class ListenerContainer {

    /**
     * How long handlers still running after the shutdown timeout get, once interrupted, before a stop
     * abandons them: a stop takes at most the shutdown timeout and this.
     */
    public static final Duration INTERRUPT_GRACE = Duration.ofSeconds(1);

    private final Backend backend;
    private final Publisher publisher;
    private final String id;
    private final List<String> topics;
    private final String group;
    private final MessageHandler handler;
    private final BatchHandler<Object> batchHandler;
    private final Function<Message, ?> batchConverter;
    private final Batching batching;
    private final int concurrency;
    private final AckMode ackMode;
    private final RetryPolicy retryPolicy;
    private final String deadLetterTopic;
    private final String deadLetterSuffix;
    private final String deadLetterGroup;
    private final Duration pollTimeout;
    private final Duration shutdownTimeout;
    private final Duration recoveryInterval;
    private final ListenerObserver observer;
    private final List<HandlerDecorator> handlerDecorators;
    private final int deadLetterAttempts;
    private final Tally tally = new Tally();
    private final ParkedMessages parked = new ParkedMessages();
    private final PauseGate gate = new PauseGate();

    private final Object lifecycle = new Object();
    private RunningConsumers running;
    private CompletableFuture<Void> stopped = CompletableFuture.completedFuture(null);

    ListenerContainer(ListenerContainerBuilder builder) {
        this.backend = Objects.requireNonNull(builder.backend, "backend");
        this.publisher = builder.publisher != null ? builder.publisher : backend.publisher();
        this.topics = List.copyOf(new LinkedHashSet<>(requireTopics(builder.topics)));
        this.group = requireText(builder.group, "group");
        this.id = builder.id != null ? requireText(builder.id, "id") : group;
        if ((builder.handler == null) == (builder.batchHandler == null)) {
            throw new IllegalArgumentException("Listener '" + id + "' needs either a handler or a batch handler"
                    + (builder.handler == null ? "" : ", not both"));
        }
        this.handler = builder.handler;
        this.batchHandler = builder.batchHandler;
        this.batchConverter = builder.batchConverter;
        if (builder.batchSize < 1) {
            throw new IllegalArgumentException("Listener '" + id + "': batchSize must be at least 1, was "
                    + builder.batchSize);
        }
        this.batching = batchHandler == null ? Batching.NONE
                : new Batching(builder.batchSize, requirePositive(builder.batchTimeout, "batchTimeout"));
        if (builder.concurrency < 1) {
            throw new IllegalArgumentException("Listener '" + id + "': concurrency must be at least 1, was "
                    + builder.concurrency);
        }
        this.concurrency = builder.concurrency;
        this.ackMode = Objects.requireNonNull(builder.ackMode, "ackMode");
        this.retryPolicy = Objects.requireNonNull(builder.retryPolicy, "retryPolicy");
        this.deadLetterTopic = builder.deadLetterTopic;
        this.deadLetterSuffix = requireText(builder.deadLetterSuffix, "deadLetterSuffix");
        this.deadLetterGroup = requireText(builder.deadLetterGroup, "deadLetterGroup");
        if (builder.deadLetterAttempts < 1) {
            throw new IllegalArgumentException("Listener '" + id + "': deadLetterAttempts must be at least 1, was "
                    + builder.deadLetterAttempts);
        }
        this.deadLetterAttempts = builder.deadLetterAttempts;
        this.pollTimeout = requirePositive(builder.pollTimeout, "pollTimeout");
        this.shutdownTimeout = requirePositive(builder.shutdownTimeout, "shutdownTimeout");
        this.recoveryInterval = requirePositive(builder.recoveryInterval, "recoveryInterval");
        this.observer = GuardedObserver.of(Objects.requireNonNull(builder.observer, "observer"));
        this.handlerDecorators = List.copyOf(builder.handlerDecorators);
    }

    /**
     * @param backend the backend to consume from and, unless {@link ListenerContainerBuilder#publisher} says otherwise,
     *     to publish dead letters to
     * @return a builder with the defaults: concurrency 1, {@link AckMode#AT_LEAST_ONCE},
     *     {@link RetryPolicy#defaults()}, dead letters to {@code <topic>.dlq} kept in group
     *     {@code kincir-dead-letters}, poll timeout 1s, shutdown timeout 30s, recovery interval 5s
     */
    public static ListenerContainerBuilder builder(Backend backend) {
        return new ListenerContainerBuilder(backend);
    }

    /**
     * Subscribes every consumer, then starts their threads. Does nothing if already running.
     *
     * @throws KincirException if a subscription failed; the message names the listener, topic and group,
     *     and the subscriptions made so far are closed
     * @throws IllegalStateException if the container is still stopping
     */
    public void start() {
        synchronized (lifecycle) {
            if (running != null) {
                return;
            }
            if (!stopped.isDone()) {
                throw new IllegalStateException("Listener '" + id + "' is still stopping; start it once stop() returned");
            }
            if (deadLetterTopic == null || !deadLetterTopic.isEmpty()) {
                topics.stream().map(this::deadLetterTopic).distinct().forEach(this::retainDeadLetters);
            }
            StopSignal signal = new StopSignal();
            List<ListenerConsumer> created = new ArrayList<>();
            try {
                for (String topic : topics) {
                    ListenerTopic listenerTopic = new ListenerTopic(id, topic, group);
                    DeliveryProcessor processor = processor(listenerTopic, signal);
                    for (int i = 0; i < concurrency; i++) {
                        Supplier<AckSubscriber> subscribe = () -> subscribe(topic);
                        created.add(new ListenerConsumer(listenerTopic, subscribe.get(), subscribe, processor, batching,
                                signal, pollTimeout, recoveryInterval, tally, gate));
                    }
                }
            } catch (RuntimeException e) {
                created.forEach(ListenerConsumer::closeUnstarted);
                throw e;
            }
            running = new RunningConsumers(id, created, signal, tally, concurrency);
        }
    }

    /** Stops gracefully and waits until every consumer finished: at most {@link #stopTimeout()}. */
    public void stop() {
        stopAsync().join();
    }

    /**
     * Starts a graceful stop and returns at once, so that several containers can stop together.
     *
     * @return completes when every consumer finished, or was interrupted and abandoned after the
     *     shutdown timeout (logged); already complete if the container is not running
     */
    public CompletableFuture<Void> stopAsync() {
        synchronized (lifecycle) {
            if (running != null) {
                stopped = running.stop(shutdownTimeout);
                gate.wake();
                running = null;
            }
            return stopped;
        }
    }

    /**
     * Pauses the listener: its consumers keep their subscribers, and so their place in the group, but
     * stop receiving; a consumer waiting to receive is woken, and a message it was just handed, or one
     * being handled, is finished. What is published meanwhile waits in the group. Returns at once; the
     * pause outlives a stop, so a listener paused before it starts, or stopped while paused, starts
     * paused. Does nothing if already paused.
     *
     * <p>What the backend had fetched ahead for a consumer waits in its subscriber while paused; on a
     * backend that redelivers what stays unacknowledged too long (NATS after its ack wait, RabbitMQ
     * after its {@code consumer_timeout}), a long pause may have such a message delivered again.
     */
    public void pause() {
        gate.pause();
        synchronized (lifecycle) {
            if (running != null) {
                running.wakeIdle();
            }
        }
    }

    /** Resumes a paused listener; does nothing if it is not paused. */
    public void resume() {
        gate.resume();
    }

    /** @return whether the listener is paused, running or not */
    public boolean isPaused() {
        return gate.paused();
    }

    private DeliveryProcessor processor(ListenerTopic topic, StopSignal signal) {
        Recoverer recoverer = deadLetterTopic != null && deadLetterTopic.isEmpty()
                ? new DiscardingRecoverer(topic)
                : new ParkingRecoverer(new DeadLetterRecoverer(publisher, deadLetterTopic(topic.topic()), topic, observer,
                        tally), deadLetterAttempts, recoveryInterval, ackMode == AckMode.AT_LEAST_ONCE, signal, topic,
                        parked, tally);
        if (batchHandler != null) {
            RetryingBatchHandler retrying = new RetryingBatchHandler(batchConverter,
                    new ObservingBatchHandler(batchHandler, observer, topic, tally), retryPolicy, signal);
            return new BatchProcessor(topic, ackMode, retrying, recoverer, observer, tally);
        }
        MessageHandler decorated = handler;
        for (HandlerDecorator decorator : handlerDecorators) {
            decorated = decorator.decorate(topic, decorated);
        }
        RetryingHandler retrying = new RetryingHandler(new ObservingHandler(decorated, observer, topic, tally),
                retryPolicy, signal);
        return new MessageProcessor(topic, ackMode, retrying, recoverer, observer, tally);
    }

    private AckSubscriber subscribe(String topic) {
        AckSubscriber subscriber = backend.ackSubscriber(group);
        try {
            subscriber.subscribe(topic);
            return subscriber;
        } catch (RuntimeException e) {
            subscriber.close();
            throw new KincirException("Listener '" + id + "' could not subscribe to topic '" + topic + "' in group '"
                    + group + "': " + e.getMessage(), e);
        }
    }

    /** A durable group on the dead-letter topic keeps what is published there until someone reads it. */
    private void retainDeadLetters(String topic) {
        try (Subscriber retention = backend.subscriber(deadLetterGroup)) {
            retention.subscribe(topic);
        } catch (RuntimeException e) {
            throw new KincirException("Listener '" + id + "' could not create the group '" + deadLetterGroup
                    + "' that keeps the dead letters of topic '" + topic + "': " + e.getMessage(), e);
        }
    }

    /**
     * @param topic one of the listener's topics
     * @return where its messages go when every attempt failed, or empty if dead-lettering is off
     */
    public String deadLetterTopic(String topic) {
        if (deadLetterTopic == null) {
            return topic + deadLetterSuffix;
        }
        return deadLetterTopic;
    }

    /** @return a snapshot of what the container is doing */
    public ListenerState state() {
        RunningConsumers current;
        synchronized (lifecycle) {
            current = running;
        }
        return new ListenerState(id, topics, group, current != null, gate.paused(),
                current == null ? 0 : current.alive(), concurrency, tally.handled(), tally.failedAttempts.sum(),
                tally.deadLettered.sum(), parked.total(), tally.handlerErrors.sum(), tally.consumerRestarts.sum(),
                tally.lastError(), tally.lastErrorAt());
    }

    /**
     * @return the latest messages (at most 100, oldest first) that failed every attempt and whose dead
     *     letter could not be published in {@link #deadLetterAttempts()} tries: they were acknowledged so
     *     that they stop blocking the messages behind them, and wait here for an operator to republish
     *     them; {@link ListenerState#parked()} counts every one
     */
    public List<ParkedMessage> parked() {
        return parked.latest();
    }

    /** @return whether the container was started and not stopped */
    public boolean isRunning() {
        synchronized (lifecycle) {
            return running != null;
        }
    }

    /** @return the listener's id */
    public String id() {
        return id;
    }

    /** @return the topics it consumes */
    public List<String> topics() {
        return topics;
    }

    /** @return the group it consumes in */
    public String group() {
        return group;
    }

    /** @return how many consumer threads it runs per topic */
    public int concurrency() {
        return concurrency;
    }

    /** @return whether it runs a {@link BatchHandler} rather than a {@link MessageHandler} */
    public boolean isBatch() {
        return batchHandler != null;
    }

    /** @return most messages a batch handler gets at once; 1 for a message handler */
    public int batchSize() {
        return batching.size();
    }

    /** @return how long a batch waits for more messages after its first; zero for a message handler */
    public Duration batchTimeout() {
        return batching.timeout();
    }

    /** @return when it acknowledges */
    public AckMode ackMode() {
        return ackMode;
    }

    /** @return how often it tries a message */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** @return the durable group that keeps dead letters */
    public String deadLetterGroup() {
        return deadLetterGroup;
    }

    /** @return how often a dead letter is tried before the message is parked */
    public int deadLetterAttempts() {
        return deadLetterAttempts;
    }

    /** @return how long a consumer waits for a message before checking whether to stop */
    public Duration pollTimeout() {
        return pollTimeout;
    }

    /** @return how long {@link #stop()} lets handlers in flight finish */
    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    /**
     * @return the longest a {@link #stop()} takes: the shutdown timeout, then {@link #INTERRUPT_GRACE}
     *     for interrupted handlers to finish before they are abandoned
     */
    public Duration stopTimeout() {
        return shutdownTimeout.plus(INTERRUPT_GRACE);
    }

    /** @return how long a consumer waits before subscribing again after a failure */
    public Duration recoveryInterval() {
        return recoveryInterval;
    }

    @Override
    public String toString() {
        return "ListenerContainer[id=" + id + ", topics=" + topics + ", group=" + group + "]";
    }

    private static List<String> requireTopics(List<String> topics) {
        if (topics == null || topics.isEmpty()) {
            throw new IllegalArgumentException("A listener needs at least one topic");
        }
        topics.forEach(topic -> requireText(topic, "topic"));
        return topics;
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A listener's " + name + " must not be blank");
        }
        return value;
    }

    private static Duration requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("A listener's " + name + " must be positive, was " + value);
        }
        return value;
    }
}

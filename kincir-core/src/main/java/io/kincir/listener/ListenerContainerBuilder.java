package io.kincir.listener;

import io.kincir.Backend;
import io.kincir.Message;
import io.kincir.Publisher;
import io.kincir.deadletter.DeadLetters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** Builds a {@link ListenerContainer}: {@link ListenerContainer#builder(Backend)}. Not thread-safe. */
public final class ListenerContainerBuilder {

    final Backend backend;
    Publisher publisher;
    String id;
    List<String> topics = List.of();
    String group;
    MessageHandler handler;
    BatchHandler<Object> batchHandler;
    Function<Message, ?> batchConverter;
    int batchSize = 100;
    Duration batchTimeout = Duration.ofSeconds(1);
    int concurrency = 1;
    AckMode ackMode = AckMode.AT_LEAST_ONCE;
    RetryPolicy retryPolicy = RetryPolicy.defaults();
    String deadLetterTopic;
    String deadLetterSuffix = ".dlq";
    String deadLetterGroup = DeadLetters.DEFAULT_GROUP;
    int deadLetterAttempts = 3;
    Duration pollTimeout = Duration.ofSeconds(1);
    Duration shutdownTimeout = Duration.ofSeconds(30);
    Duration recoveryInterval = Duration.ofSeconds(5);
    ListenerObserver observer = ListenerObserver.NONE;
    final List<HandlerDecorator> handlerDecorators = new ArrayList<>();

    ListenerContainerBuilder(Backend backend) {
        this.backend = backend;
    }

    /** @param id names the listener in logs, threads and state; defaults to the group */
    public ListenerContainerBuilder id(String id) {
        this.id = id;
        return this;
    }

    /** @param topics the topics to consume, at least one */
    public ListenerContainerBuilder topics(String... topics) {
        return topics(List.of(topics));
    }

    /** @param topics the topics to consume, at least one */
    public ListenerContainerBuilder topics(List<String> topics) {
        this.topics = List.copyOf(topics);
        return this;
    }

    /** @param group the durable subscriber group every consumer joins (required) */
    public ListenerContainerBuilder group(String group) {
        this.group = group;
        return this;
    }

    /** @param handler what to run on each message (this or a {@link #batchHandler} is required) */
    public ListenerContainerBuilder handler(MessageHandler handler) {
        this.handler = handler;
        return this;
    }

    /**
     * Makes this a batch listener: the handler gets the messages themselves, in batches. See
     * {@link BatchHandler} for how batches are acknowledged, retried and dead-lettered.
     *
     * @param handler what to run on each batch; instead of {@link #handler}
     */
    public ListenerContainerBuilder batchHandler(BatchHandler<Message> handler) {
        return batchHandler(message -> message, handler);
    }

    /**
     * Makes this a batch listener whose handler gets each message converted, in batches. See
     * {@link BatchHandler} for how batches are acknowledged, retried and dead-lettered.
     *
     * @param converter turns one message, with its {@code _attempt}, into what the handler gets; a
     *     {@link io.kincir.MessageConversionException} or an {@link UnprocessableMessageException} it
     *     throws dead-letters that message alone, at once, and the rest of the batch is still handled
     * @param handler what to run on each batch; instead of {@link #handler}
     * @param <T> what each message is converted to
     */
    @SuppressWarnings("unchecked")
    public <T> ListenerContainerBuilder batchHandler(Function<Message, ? extends T> converter, BatchHandler<T> handler) {
        this.batchConverter = Objects.requireNonNull(converter, "converter");
        this.batchHandler = (BatchHandler<Object>) Objects.requireNonNull(handler, "handler");
        return this;
    }

    /**
     * @param batchSize most messages a batch handler gets at once, at least 1; 100 by default. A backend
     *     may hand one subscriber fewer unacknowledged messages than that (RabbitMQ's prefetch): batches
     *     then end at the batch timeout
     */
    public ListenerContainerBuilder batchSize(int batchSize) {
        this.batchSize = batchSize;
        return this;
    }

    /**
     * @param batchTimeout how long after the first message of a batch a consumer waits for more before it
     *     hands a partial batch to the batch handler; 1s by default
     */
    public ListenerContainerBuilder batchTimeout(Duration batchTimeout) {
        this.batchTimeout = batchTimeout;
        return this;
    }

    /** @param concurrency consumer threads per topic, at least 1 */
    public ListenerContainerBuilder concurrency(int concurrency) {
        this.concurrency = concurrency;
        return this;
    }

    /** @param ackMode when to acknowledge */
    public ListenerContainerBuilder ackMode(AckMode ackMode) {
        this.ackMode = ackMode;
        return this;
    }

    /** @param retryPolicy attempts and back-off */
    public ListenerContainerBuilder retryPolicy(RetryPolicy retryPolicy) {
        this.retryPolicy = retryPolicy;
        return this;
    }

    /**
     * @param deadLetterTopic where every topic's failed messages go; {@code null} for
     *     {@code <topic><suffix>}, the empty string to turn dead-lettering off
     */
    public ListenerContainerBuilder deadLetterTopic(String deadLetterTopic) {
        this.deadLetterTopic = deadLetterTopic;
        return this;
    }

    /** @param suffix appended to a topic to name its dead-letter topic, {@code .dlq} by default */
    public ListenerContainerBuilder deadLetterSuffix(String suffix) {
        this.deadLetterSuffix = suffix;
        return this;
    }

    /** @param group the durable group that keeps dead letters until read, {@code kincir-dead-letters} by default */
    public ListenerContainerBuilder deadLetterGroup(String group) {
        this.deadLetterGroup = group;
        return this;
    }

    /**
     * @param attempts how often to try publishing a dead letter, the first included, waiting the
     *     recovery interval in between, before the message is parked ({@link ListenerContainer#parked()});
     *     at least 1, 3 by default
     */
    public ListenerContainerBuilder deadLetterAttempts(int attempts) {
        this.deadLetterAttempts = attempts;
        return this;
    }

    /** @param publisher publishes dead letters; the backend's publisher by default */
    public ListenerContainerBuilder publisher(Publisher publisher) {
        this.publisher = publisher;
        return this;
    }

    /** @param pollTimeout how long a consumer waits for a message before checking whether to stop */
    public ListenerContainerBuilder pollTimeout(Duration pollTimeout) {
        this.pollTimeout = pollTimeout;
        return this;
    }

    /** @param shutdownTimeout how long a stop lets handlers in flight finish before interrupting them */
    public ListenerContainerBuilder shutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
        return this;
    }

    /** @param recoveryInterval how long to wait before subscribing again after a receive failed */
    public ListenerContainerBuilder recoveryInterval(Duration recoveryInterval) {
        this.recoveryInterval = recoveryInterval;
        return this;
    }

    /** @param observer hears about messages, attempts and dead letters (for metrics) */
    public ListenerContainerBuilder observer(ListenerObserver observer) {
        this.observer = observer;
        return this;
    }

    /**
     * @param decorator wraps the handler of each topic; one added later wraps those added before it, so
     *     the last one added runs first. A {@link #batchHandler} is not decorated
     */
    public ListenerContainerBuilder handlerDecorator(HandlerDecorator decorator) {
        handlerDecorators.add(Objects.requireNonNull(decorator, "decorator"));
        return this;
    }

    /**
     * @return the container, not started
     * @throws IllegalArgumentException if a setting is missing or out of range; the message names it
     */
    public ListenerContainer build() {
        return new ListenerContainer(this);
    }
}

package io.kincir.spring;

import io.kincir.Backend;
import io.kincir.Publisher;
import io.kincir.listener.ListenerContainer;
import io.kincir.listener.ListenerContainerBuilder;
import io.kincir.listener.ListenerObserver;
import io.kincir.listener.ListenerState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.validation.Validator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Owns the container of every {@link KincirListener}: lists them, stops and starts them by id, and
 * starts and stops them with the application context. Stopping is graceful and concurrent: every
 * container stops receiving at once, and handlers in flight finish and acknowledge.
 *
 * <p>It starts before the web server and stops after it ({@link #PHASE}): a request served right
 * after start-up may publish to a listener's topic, and must find the listener's group subscribed;
 * at shutdown, requests in flight finish publishing before the listeners drain. The backend, a plain
 * bean, outlives every phase.
 */
public final class KincirListenerRegistry implements SmartLifecycle {

    /**
     * The lifecycle phase: before Spring Boot's web server start/stop ({@code DEFAULT_PHASE - 2048})
     * and graceful shutdown ({@code DEFAULT_PHASE - 1024}).
     */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private record Listener(ListenerContainer container, boolean autoStartup, KincirListenerEndpoint endpoint) {
    }

    private final Backend backend;
    private final Publisher publisher;
    private final PayloadConverter converter;
    private final KincirListenerDefaults defaults;
    private final ListenerObserver observer;
    private final List<KincirListenerContainerCustomizer> customizers;
    private final @Nullable Validator validator;
    private final Map<String, Listener> listeners = new LinkedHashMap<>();
    private boolean running;

    /**
     * @param backend the backend every container consumes from
     * @param publisher publishes dead letters and return values
     * @param jsonMapper reads JSON payloads and writes JSON return values
     * @param defaults what a listener gets for the attributes it leaves at their default
     * @param observer hears what every container does (for metrics)
     * @param customizers applied to every container's builder, in order
     */
    public KincirListenerRegistry(Backend backend, Publisher publisher, JsonMapper jsonMapper,
            KincirListenerDefaults defaults, ListenerObserver observer,
            List<KincirListenerContainerCustomizer> customizers) {
        this(backend, publisher, jsonMapper, defaults, observer, customizers, List.of(), null);
    }

    /**
     * @param backend the backend every container consumes from
     * @param publisher publishes dead letters and return values
     * @param jsonMapper reads JSON payloads and writes JSON return values
     * @param defaults what a listener gets for the attributes it leaves at their default
     * @param observer hears what every container does (for metrics)
     * @param customizers applied to every container's builder, in order
     * @param converters the application's payload converters, asked before the built-in ones, in order
     * @param validator validates payloads annotated {@code @Valid} or {@code @Validated}; null for none, which
     *     refuses such listeners at start-up
     */
    public KincirListenerRegistry(Backend backend, Publisher publisher, JsonMapper jsonMapper,
            KincirListenerDefaults defaults, ListenerObserver observer,
            List<KincirListenerContainerCustomizer> customizers, List<KincirMessageConverter> converters,
            @Nullable Validator validator) {
        this.backend = backend;
        this.publisher = publisher;
        this.converter = new PayloadConverter(converters, jsonMapper);
        this.defaults = defaults;
        this.observer = observer;
        this.customizers = List.copyOf(customizers);
        this.validator = validator;
    }

    /** Builds the listener's container; starts it if the registry runs and the listener starts automatically. */
    synchronized void register(KincirListenerEndpoint endpoint) {
        if (listeners.containsKey(endpoint.id())) {
            throw new InvalidKincirListenerException("Two @KincirListener methods have the id '" + endpoint.id()
                    + "': " + ListenerMethod.describe(listeners.get(endpoint.id()).endpoint.method().method()) + " and "
                    + ListenerMethod.describe(endpoint.method().method()) + ".", "Give each listener a unique id: "
                    + "@KincirListener(id = \"…\"); an overloaded method needs one");
        }
        ListenerContainerBuilder builder = ListenerContainer.builder(backend).publisher(publisher).observer(observer)
                .concurrency(defaults.concurrency()).ackMode(defaults.ackMode()).retryPolicy(defaults.retryPolicy())
                .deadLetterSuffix(defaults.deadLetterSuffix()).deadLetterGroup(defaults.deadLetterGroup())
                .deadLetterAttempts(defaults.deadLetterAttempts())
                .pollTimeout(defaults.pollTimeout()).shutdownTimeout(defaults.shutdownTimeout())
                .recoveryInterval(defaults.recoveryInterval());
        customizers.forEach(customizer -> customizer.customize(builder));
        ListenerContainer container;
        try {
            container = handler(endpoint.configure(builder, defaults), endpoint).build();
        } catch (IllegalArgumentException e) {
            throw new InvalidKincirListenerException("@KincirListener '" + endpoint.id() + "' on "
                    + ListenerMethod.describe(endpoint.method().method()) + " has settings that do not fit together: "
                    + e.getMessage() + ".", "Change the annotation's attributes or the kincir.listener.* properties");
        }
        boolean autoStartup = endpoint.autoStartup(defaults);
        listeners.put(endpoint.id(), new Listener(container, autoStartup, endpoint));
        if (running && autoStartup) {
            container.start();
        }
    }

    private ListenerContainerBuilder handler(ListenerContainerBuilder builder, KincirListenerEndpoint endpoint) {
        if (endpoint.batchElement() == null) {
            return builder.handler(new KincirListenerAdapter(endpoint, converter, publisher,
                    defaults.allowedReplyTopics(), validator));
        }
        KincirBatchListenerAdapter adapter = new KincirBatchListenerAdapter(endpoint, converter);
        return builder.batchHandler(adapter::convert, adapter);
    }

    /** @return every listener's state, in the order they were registered */
    public synchronized List<ListenerState> listeners() {
        List<ListenerState> states = new ArrayList<>();
        listeners.values().forEach(listener -> states.add(listener.container.state()));
        return states;
    }

    /**
     * @return the longest {@link #stop()} takes: every container stops at once, so the longest
     *     {@link ListenerContainer#stopTimeout()}; zero without listeners
     */
    public synchronized Duration stopTimeout() {
        return listeners.values().stream().map(listener -> listener.container.stopTimeout()).max(Duration::compareTo)
                .orElse(Duration.ZERO);
    }

    /**
     * @param id a listener's id
     * @return its container
     * @throws IllegalArgumentException if there is no such listener; the message lists the ids
     */
    public synchronized ListenerContainer container(String id) {
        Listener listener = listeners.get(id);
        if (listener == null) {
            throw new IllegalArgumentException("No @KincirListener has the id '" + id + "'; the ids are "
                    + listeners.keySet());
        }
        return listener.container;
    }

    /**
     * Starts one listener; does nothing if it runs.
     *
     * @param id the listener's id
     */
    public void start(String id) {
        container(id).start();
    }

    /**
     * Stops one listener gracefully and waits for it; does nothing if it is stopped. Its group keeps
     * collecting messages (it is durable) until the listener starts again.
     *
     * @param id the listener's id
     */
    public void stop(String id) {
        container(id).stop();
    }

    @Override
    public synchronized void start() {
        running = true;
        listeners.values().stream().filter(Listener::autoStartup).forEach(listener -> listener.container.start());
    }

    @Override
    public void stop() {
        stopAll().join();
    }

    @Override
    public void stop(Runnable callback) {
        stopAll().whenComplete((result, failure) -> callback.run());
    }

    private synchronized CompletableFuture<Void> stopAll() {
        running = false;
        return CompletableFuture.allOf(listeners.values().stream().map(listener -> listener.container.stopAsync())
                .toArray(CompletableFuture[]::new));
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}

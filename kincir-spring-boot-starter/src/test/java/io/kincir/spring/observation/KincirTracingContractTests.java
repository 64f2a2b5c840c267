package io.kincir.spring.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kincir.spring.KincirListener;
import io.kincir.spring.KincirTemplate;
import io.kincir.spring.SendTo;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One trace from publish to listener to reply, on whatever backend the subclass configures: Spring
 * Boot's OpenTelemetry tracing with every trace sampled, the W3C trace context in message metadata, and
 * the spans kept in memory as they end. A subclass only supplies properties, as for
 * {@code KincirListenerContractTests}.
 */
@SpringBootTest(classes = KincirTracingContractTests.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
        "spring.application.name=tracing",
        "management.tracing.sampling.probability=1.0",
        "kincir.listener.poll-timeout=200ms"})
public abstract class KincirTracingContractTests {

    /** A prefix for this run's topics. */
    static final String RUN = "kincir-trace-" + UUID.randomUUID().toString().substring(0, 8);

    private static final Duration WAIT = Duration.ofSeconds(20);

    @DynamicPropertySource
    static void run(DynamicPropertyRegistry registry) {
        registry.add("test.run", () -> RUN);
    }

    @Autowired
    private KincirTemplate template;

    @Autowired
    private RecordedSpans recorded;

    /** The spans of this context, each exported as it ends; not a {@code SpanExporter} bean, which Boot would batch. */
    record RecordedSpans(InMemorySpanExporter exporter) {
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Listeners.class)
    static class App {

        @Bean
        RecordedSpans recordedSpans() {
            return new RecordedSpans(InMemorySpanExporter.create());
        }

        @Bean
        SpanProcessor recordingSpanProcessor(RecordedSpans recorded) {
            return SimpleSpanProcessor.create(recorded.exporter());
        }
    }

    @Component
    static class Listeners {

        @KincirListener(id = "trace-orders", topics = "${test.run}.orders")
        @SendTo("${test.run}.quotes")
        String quote(String order) {
            return "quote for " + order;
        }

        @KincirListener(id = "trace-quotes", topics = "${test.run}.quotes")
        void quoted(String quote) {
        }

        @KincirListener(id = "trace-prices", topics = "${test.run}.prices")
        String price(String item) {
            return "3 for " + item;
        }
    }

    @BeforeEach
    void forgetEarlierSpans() {
        recorded.exporter().reset();
    }

    @Test
    void aPublishItsHandlingAndTheSendToReplyAndItsHandlingAreOneTrace() {
        String orders = RUN + ".orders";
        String quotes = RUN + ".quotes";

        template.send(orders, "order-1");

        Map<String, SpanData> spans = awaitSpans(orders + " publish", orders + " handle", quotes + " publish",
                quotes + " handle");
        print(spans);
        SpanData publish = spans.get(orders + " publish");
        assertThat(publish.getParentSpanContext().isValid()).as("the publish starts the trace").isFalse();
        assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertChild(spans.get(orders + " handle"), publish, SpanKind.CONSUMER);
        assertChild(spans.get(quotes + " publish"), spans.get(orders + " handle"), SpanKind.PRODUCER);
        assertChild(spans.get(quotes + " handle"), spans.get(quotes + " publish"), SpanKind.CONSUMER);
    }

    @Test
    void aRequestItsPublishItsHandlingAndTheReplyAreOneTrace() {
        String prices = RUN + ".prices";

        assertThat(template.sendAndReceive(prices, "tea", String.class, WAIT)).isEqualTo("3 for tea");

        String replies = template.replyTopic();
        Map<String, SpanData> spans = awaitSpans(prices + " request", prices + " publish", prices + " handle",
                replies + " publish", replies + " receive");
        print(spans);
        SpanData request = spans.get(prices + " request");
        assertThat(request.getParentSpanContext().isValid()).as("the request starts the trace").isFalse();
        assertChild(spans.get(prices + " publish"), request, SpanKind.PRODUCER);
        assertChild(spans.get(prices + " handle"), spans.get(prices + " publish"), SpanKind.CONSUMER);
        assertChild(spans.get(replies + " publish"), spans.get(prices + " handle"), SpanKind.PRODUCER);
        assertChild(spans.get(replies + " receive"), spans.get(replies + " publish"), SpanKind.CONSUMER);
        assertThat(spans.get(replies + " receive").getStartEpochNanos()).as("the reply came while the request waited")
                .isLessThan(request.getEndEpochNanos());
    }

    private static void assertChild(SpanData child, SpanData parent, SpanKind kind) {
        assertThat(child.getTraceId()).as("trace of %s", child.getName()).isEqualTo(parent.getTraceId());
        assertThat(child.getParentSpanId()).as("parent of %s", child.getName()).isEqualTo(parent.getSpanId());
        assertThat(child.getKind()).as("kind of %s", child.getName()).isEqualTo(kind);
    }

    /** @return the spans of these names, once each of them ended, by name */
    private Map<String, SpanData> awaitSpans(String... names) {
        await().atMost(WAIT).until(() -> spansNamed(names).size() == names.length);
        return spansNamed(names);
    }

    private Map<String, SpanData> spansNamed(String... names) {
        List<String> wanted = List.of(names);
        return recorded.exporter().getFinishedSpanItems().stream().filter(span -> wanted.contains(span.getName()))
                .collect(Collectors.toMap(SpanData::getName, Function.identity(), (first, second) -> first));
    }

    /** Prints the trace as the docs show it: each span's name, kind, ids and parent. */
    private static void print(Map<String, SpanData> spans) {
        spans.values().stream().sorted((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos()))
                .forEach(span -> System.out.printf("%-48s %-8s trace=%s span=%s parent=%s%n", span.getName(),
                        span.getKind(), span.getTraceId(), span.getSpanId(), Optional.of(span.getParentSpanId())
                                .filter(id -> span.getParentSpanContext().isValid()).orElse("-")));
    }
}

package io.kincir.spring;

import io.kincir.listener.AckMode;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.StringValueResolver;

/** Reads a {@link KincirListener} annotation into an endpoint: resolves placeholders, checks and parses values. */
final class ListenerAttributes {

    private final Method method;
    private final StringValueResolver resolver;

    private ListenerAttributes(Method method, StringValueResolver resolver) {
        this.method = method;
        this.resolver = resolver;
    }

    /**
     * @param resolver resolves {@code ${…}} placeholders
     * @param applicationName {@code spring.application.name}, the first part of the default group
     * @throws InvalidKincirListenerException if a value cannot be resolved or parsed; the message names the attribute
     */
    static KincirListenerEndpoint read(KincirListener listener, Object bean, String beanName, Method method,
            ListenerMethod signature, StringValueResolver resolver, String applicationName) {
        ListenerAttributes attributes = new ListenerAttributes(method, resolver);
        String id = attributes.text("id", listener.id());
        if (id.isEmpty()) {
            id = beanName + "." + method.getName();
        }
        String group = attributes.text("group", listener.group());
        if (group.isEmpty()) {
            group = applicationName + "." + id;
        }
        Backoff backoff = listener.backoff();
        String deadLetterTopic = KincirListener.DEFAULT_DEAD_LETTER_TOPIC.equals(listener.deadLetterTopic()) ? null
                : attributes.text("deadLetterTopic", listener.deadLetterTopic());
        return new KincirListenerEndpoint(id, attributes.topics(listener.topics()), group,
                attributes.parse("concurrency", listener.concurrency(), "a whole number of at least 1, such as 3",
                        ListenerAttributes::positive),
                attributes.parse("ackMode", listener.ackMode(), "AT_LEAST_ONCE or AT_MOST_ONCE",
                        value -> AckMode.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'))),
                attributes.parse("maxAttempts", listener.maxAttempts(), "a whole number of at least 1, such as 3",
                        ListenerAttributes::positive),
                attributes.duration("backoff.delay", backoff.delay(), "backoff.initial", backoff.initial(),
                        "a duration such as 500ms or 2s"),
                attributes.parse("backoff.multiplier", backoff.multiplier(), "a number of at least 1.0, such as 2",
                        ListenerAttributes::multiplier),
                attributes.duration("backoff.maxDelay", backoff.maxDelay(), "backoff.max", backoff.max(),
                        "a duration such as 10s"),
                attributes.parse("backoff.jitter", backoff.jitter(), "a duration such as 100ms",
                        DurationStyle::detectAndParse),
                deadLetterTopic,
                attributes.parse("autoStartup", listener.autoStartup(), "true or false", ListenerAttributes::bool),
                attributes.sendTo(), bean, signature,
                retryable(listener) ? List.of(listener.retryable()) : null,
                retryable(listener) ? List.of(listener.notRetryable()) : null,
                BatchListenerMethod.isBatch(listener, method) ? BatchListenerMethod.elementType(method) : null,
                attributes.parse("batchSize", listener.batchSize(), "a whole number of at least 1, such as 100",
                        ListenerAttributes::positive),
                attributes.parse("batchTimeout", listener.batchTimeout(), "a duration such as 500ms or 2s",
                        DurationStyle::detectAndParse));
    }

    /** Whether the listener names exception types of its own, which then replace the defaults'. */
    private static boolean retryable(KincirListener listener) {
        return listener.retryable().length > 0 || listener.notRetryable().length > 0;
    }

    /** Reads a duration that has a name and an older one; setting both is a mistake, not a choice. */
    private Duration duration(String attribute, String value, String oldAttribute, String oldValue, String expected) {
        Duration current = parse(attribute, value, expected, DurationStyle::detectAndParse);
        Duration old = parse(oldAttribute, oldValue, expected, DurationStyle::detectAndParse);
        if (current != null && old != null) {
            throw invalid("has both " + attribute + " and " + oldAttribute + ", which name the same setting",
                    "Set " + attribute + " only; " + oldAttribute + " is its old name");
        }
        return current != null ? current : old;
    }

    private List<String> topics(String[] values) {
        List<String> topics = new ArrayList<>();
        for (String value : values) {
            for (String topic : text("topics", value).split(",")) {
                if (!topic.isBlank()) {
                    topics.add(topic.trim());
                }
            }
        }
        if (topics.isEmpty()) {
            throw invalid("has no topic", "Name one or more topics: @KincirListener(topics = \"orders\")");
        }
        return topics;
    }

    /**
     * Kincir's {@link SendTo} and spring-messaging's, which an IDE often imports instead, mean the same:
     * one topic. Spring's on the class applies to its methods, and without a value means what it does in
     * Spring Kafka and Spring AMQP: reply to the request's {@code reply_to} only.
     *
     * @return the {@code @SendTo} topic, or null when the method has none
     */
    private String sendTo() {
        SendTo kincir = method.getAnnotation(SendTo.class);
        org.springframework.messaging.handler.annotation.SendTo spring = AnnotatedElementUtils.findMergedAnnotation(
                method, org.springframework.messaging.handler.annotation.SendTo.class);
        if (spring == null) {
            spring = AnnotatedElementUtils.findMergedAnnotation(method.getDeclaringClass(),
                    org.springframework.messaging.handler.annotation.SendTo.class);
        }
        if (kincir != null && spring != null) {
            throw invalid("has both Kincir's and spring-messaging's @SendTo",
                    "Keep one of them: @SendTo(\"replies\")");
        }
        String[] topics = kincir != null ? new String[] {kincir.value()} : spring != null ? spring.value() : null;
        if (topics == null || topics.length == 0) {
            return null;
        }
        if (topics.length > 1) {
            throw invalid("has @SendTo with " + topics.length + " topics " + Arrays.toString(topics)
                    + ", but a return value is published to one topic", "Name one topic: @SendTo(\"replies\"); to "
                    + "publish to several, publish with the KincirTemplate in the method, or have listeners on the "
                    + "reply topic forward it");
        }
        return required("@SendTo", topics[0]);
    }

    private String required(String attribute, String value) {
        String resolved = text(attribute, value);
        if (resolved.isEmpty()) {
            throw invalid("has an empty " + attribute, "Name the topic: @SendTo(\"replies\")");
        }
        return resolved;
    }

    private String text(String attribute, String value) {
        try {
            String resolved = resolver.resolveStringValue(value);
            return resolved == null ? "" : resolved.trim();
        } catch (IllegalArgumentException e) {
            throw invalid("has " + attribute + " = \"" + value + "\", which cannot be resolved: " + e.getMessage(),
                    "Define the property, or give the placeholder a default: ${name:default}");
        }
    }

    private <T> T parse(String attribute, String value, String expected, Function<String, T> parser) {
        String resolved = text(attribute, value);
        if (resolved.isEmpty()) {
            return null;
        }
        try {
            return parser.apply(resolved);
        } catch (RuntimeException e) {
            throw invalid("has " + attribute + " = \"" + resolved + "\"" + (resolved.equals(value) ? "" : " (from \""
                    + value + "\")") + ", which is not " + expected, "Set " + attribute + " to " + expected
                    + ", or leave it empty for the kincir.listener.* default");
        }
    }

    private InvalidKincirListenerException invalid(String problem, String fix) {
        return new InvalidKincirListenerException("@KincirListener on " + ListenerMethod.describe(method) + " "
                + problem + ".", fix);
    }

    private static Integer positive(String value) {
        int number = Integer.parseInt(value);
        if (number < 1) {
            throw new IllegalArgumentException("less than 1");
        }
        return number;
    }

    private static Double multiplier(String value) {
        double number = Double.parseDouble(value);
        if (!(number >= 1.0) || Double.isInfinite(number)) {
            throw new IllegalArgumentException("out of range");
        }
        return number;
    }

    private static Boolean bool(String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.valueOf(value);
        }
        throw new IllegalArgumentException("not a boolean");
    }
}

package io.kincir.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.kincir.AckSubscriber;
import io.kincir.Message;
import io.kincir.Subscriber;
import io.kincir.spi.Names;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every backend accepts and refuses the same topic and group names ({@link Names}): a refused name
 * fails with an {@link IllegalArgumentException} naming it, before anything reaches the broker, and
 * the longest name made of the characters that cost a backend most works end to end.
 */
public abstract class NamesConformance extends BackendConformance {

    /** Each breaks one rule, with the words its refusal must contain. */
    private record Refused(String name, String rule) {
    }

    private static final List<Refused> REFUSED = List.of(
            new Refused("", "must not be blank"),
            new Refused("  ", "must not be blank"),
            new Refused("x".repeat(Names.MAX_LENGTH + 1), "at most " + Names.MAX_LENGTH),
            new Refused("with space", "U+0020 at index 4"),
            new Refused("orders*", "'*' at index 6"),
            new Refused("orders>", "'>' at index 6"),
            new Refused("a{b}", "'{' at index 1"),
            new Refused("a:b", "':' at index 1"),
            new Refused("a/b", "'/' at index 1"),
            new Refused("Grüße", "'ü' at index 2"),
            new Refused(".", "starts with '.'"),
            new Refused("__consumer_offsets", "starts with '_'"),
            new Refused("-orders", "starts with '-'"),
            new Refused("amq.orders", "'amq' as its first part"),
            new Refused("amq", "'amq' as its first part"));

    /** Names whose queues would be Kincir's own on RabbitMQ: a group's rejected queue, a delay queue. */
    private static final List<String> RESERVED = List.of("x.rejected", "rejected", "delay.5000", "orders.delay",
            "a.rejected.b");

    @Test
    void aTopicBreakingARuleIsRefusedOnPublishAndSubscribe() {
        for (Refused refused : REFUSED) {
            assertRefused(refused.name(), "topic", refused.rule(),
                    () -> backend.publisher().publish(refused.name(), Message.of("x")));
            try (Subscriber subscriber = backend.subscriber()) {
                assertRefused(refused.name(), "topic", refused.rule(), () -> subscriber.subscribe(refused.name()));
            }
            try (AckSubscriber subscriber = backend.ackSubscriber(newGroup())) {
                assertRefused(refused.name(), "topic", refused.rule(), () -> subscriber.subscribe(refused.name()));
            }
        }
    }

    @Test
    void aGroupBreakingARuleIsRefused() {
        for (Refused refused : REFUSED) {
            assertRefused(refused.name(), "group", refused.rule(), () -> backend.subscriber(refused.name()).close());
            assertRefused(refused.name(), "group", refused.rule(), () -> backend.ackSubscriber(refused.name()).close());
        }
    }

    @Test
    void aNameThatWouldShareAQueueWithKincirsOwnIsRefused() {
        String topic = newTopic();
        for (String name : RESERVED) {
            String part = name.contains("rejected") ? "rejected" : "delay";
            assertRefused(name, "group", "the part '" + part + "'", () -> {
                try (AckSubscriber subscriber = backend.ackSubscriber(name)) {
                    subscriber.subscribe(topic);
                }
            });
            assertRefused(name, "topic", "the part '" + part + "'",
                    () -> backend.publisher().publish(name, Message.of("x")));
        }
    }

    @Test
    void theLongestNamesOfTheCostliestCharactersWork() throws InterruptedException {
        String topic = longest(newTopic() + "-aZ09");
        // The same group on every run: a group's names on a broker are within its topic's, which is new.
        String group = longest("g");
        try (Subscriber subscriber = backend.subscriber(group)) {
            subscriber.subscribe(topic);
            backend.publisher().publish(topic, Message.of("long names"));

            assertThat(payloads(receive(subscriber, 1))).containsExactly("long names");
        }
    }

    /** @return the name padded to the longest allowed with '.' and '_', which NATS writes in three characters */
    private static String longest(String name) {
        StringBuilder padded = new StringBuilder(name);
        while (padded.length() < Names.MAX_LENGTH) {
            padded.append(padded.length() % 2 == 0 ? '.' : '_');
        }
        return padded.toString();
    }

    private static void assertRefused(String name, String what, String rule, Runnable attempt) {
        assertThatIllegalArgumentException().as("%s '%s'", what, name).isThrownBy(attempt::run)
                .withMessageStartingWith("The " + what + " name '" + name + "'").withMessageContaining(rule);
    }
}

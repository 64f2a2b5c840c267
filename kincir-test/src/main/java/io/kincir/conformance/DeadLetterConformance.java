package io.kincir.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kincir.KincirException;
import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.Publisher;
import io.kincir.Subscriber;
import io.kincir.deadletter.DeadLetter;
import io.kincir.deadletter.DeadLetterOutcome;
import io.kincir.deadletter.DeadLetterPage;
import io.kincir.deadletter.DeadLetters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link DeadLetters} over the backend: listing takes nothing away, a replay publishes the message as
 * first published to its original topic and removes only the dead letter it replayed, a purge removes
 * for good, and a replay that fails half-way leaves what it did not replay. The dead letters are
 * published as the listener container publishes them, to a dead-letter topic whose group was created
 * first.
 */
public abstract class DeadLetterConformance extends BackendConformance {

    private String topic;
    private String deadLetterTopic;
    private String group;
    private final List<DeadLetters> opened = new ArrayList<>();

    @BeforeEach
    void createDeadLetterGroup() {
        topic = newTopic();
        deadLetterTopic = topic + ".dlq";
        group = newGroup();
        try (Subscriber retention = backend.subscriber(group)) {
            retention.subscribe(deadLetterTopic);
        }
    }

    @AfterEach
    void closeDeadLetters() {
        opened.forEach(DeadLetters::close);
    }

    private DeadLetters deadLetters(Publisher publisher) {
        DeadLetters deadLetters = DeadLetters.builder(backend).group(group).publisher(publisher)
                .quietPeriod(Duration.ofSeconds(1)).build();
        opened.add(deadLetters);
        return deadLetters;
    }

    private DeadLetters deadLetters() {
        return deadLetters(backend.publisher());
    }

    /** @return three dead letters, published one by one a millisecond apart so that their ages differ */
    private List<Message> deadLettered(int count) throws InterruptedException {
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message deadLetter = Message.of("order-" + i).withMetadata(Map.of("customer", "c" + i,
                    MetadataKeys.ERROR, "java.lang.IllegalStateException: down " + i,
                    MetadataKeys.ORIGINAL_TOPIC, topic, MetadataKeys.ATTEMPT, "3",
                    MetadataKeys.DEAD_LETTERED_AT, Long.toString(System.currentTimeMillis() - 60_000 + i)));
            backend.publisher().publish(deadLetterTopic, deadLetter);
            sent.add(deadLetter);
        }
        return sent;
    }

    private List<String> listed(DeadLetters deadLetters) {
        DeadLetterPage page = deadLetters.list(deadLetterTopic, 0, 100);
        assertThat(page.complete()).isTrue();
        return page.deadLetters().stream().map(DeadLetter::uuid).toList();
    }

    private static List<String> uuids(List<Message> messages) {
        return messages.stream().map(Message::uuid).toList();
    }

    @Test
    void listingShowsTheDeadLettersOldestFirstAndTakesNothingAway() throws Exception {
        List<Message> sent = deadLettered(3);
        DeadLetters deadLetters = deadLetters();

        DeadLetterPage page = deadLetters.list(deadLetterTopic, 0, 100);

        assertThat(page.deadLetters()).extracting(DeadLetter::uuid).containsExactlyElementsOf(uuids(sent));
        DeadLetter first = page.deadLetters().get(0);
        assertThat(first.originalTopic()).isEqualTo(topic);
        assertThat(first.error()).isEqualTo("java.lang.IllegalStateException: down 0");
        assertThat(first.attempts()).isEqualTo(3);
        assertThat(first.age()).isGreaterThanOrEqualTo(Duration.ofSeconds(59));
        assertThat(first.replayed()).isZero();
        assertThat(first.message().payloadAsString()).isEqualTo("order-0");
        assertThat(page.total()).isEqualTo(3);
        assertThat(listed(deadLetters)).as("a second listing").containsExactlyElementsOf(uuids(sent));
        assertThat(deadLetters.list(deadLetterTopic, 1, 1).deadLetters()).extracting(DeadLetter::uuid)
                .containsExactly(sent.get(1).uuid());
    }

    @Test
    void aReplayPublishesTheMessageAsFirstPublishedAndRemovesOnlyThatDeadLetter() throws Exception {
        List<Message> sent = deadLettered(3);
        DeadLetters deadLetters = deadLetters();
        try (Subscriber original = backend.subscriber(newGroup())) {
            original.subscribe(topic);

            DeadLetterOutcome outcome = deadLetters.replay(deadLetterTopic, List.of(sent.get(1).uuid(), "no-such-uuid"));

            assertThat(outcome.uuids()).containsExactly(sent.get(1).uuid());
            assertThat(outcome.skipped()).containsOnlyKeys("no-such-uuid");
            Message replayed = receive(original, 1).get(0);
            assertThat(replayed.uuid()).isEqualTo(sent.get(1).uuid());
            assertThat(replayed.payloadAsString()).isEqualTo("order-1");
            assertThat(replayed.metadata()).containsEntry("customer", "c1").containsEntry(MetadataKeys.REPLAYED, "1")
                    .containsKey(MetadataKeys.REPLAYED_AT).doesNotContainKeys(MetadataKeys.ERROR,
                            MetadataKeys.ORIGINAL_TOPIC, MetadataKeys.DEAD_LETTERED_AT);
            assertNothingMore(original);
        }
        assertThat(listed(deadLetters)).containsExactly(sent.get(0).uuid(), sent.get(2).uuid());
    }

    @Test
    void replayingAllEmptiesTheTopicAndAReplayedMessageDeadLetteredAgainCountsOn() throws Exception {
        List<Message> sent = deadLettered(2);
        DeadLetters deadLetters = deadLetters();
        try (Subscriber original = backend.subscriber(newGroup())) {
            original.subscribe(topic);

            DeadLetterOutcome outcome = deadLetters.replayAll(deadLetterTopic);

            assertThat(outcome.uuids()).containsExactlyElementsOf(uuids(sent));
            assertThat(outcome.complete()).isTrue();
            Message replayed = receive(original, 2).get(0);
            assertThat(listed(deadLetters)).isEmpty();
            backend.publisher().publish(deadLetterTopic, replayed.withMetadata(MetadataKeys.ORIGINAL_TOPIC, topic));
            assertThat(deadLetters.list(deadLetterTopic, 0, 10).deadLetters()).singleElement()
                    .extracting(DeadLetter::replayed).isEqualTo(1);
            deadLetters.replayAll(deadLetterTopic);
            assertThat(receive(original, 1).get(0).metadata()).containsEntry(MetadataKeys.REPLAYED, "2");
        }
    }

    @Test
    void aPurgeRemovesForGood() throws Exception {
        List<Message> sent = deadLettered(3);
        DeadLetters deadLetters = deadLetters();

        assertThat(deadLetters.purge(deadLetterTopic, List.of(sent.get(0).uuid())).uuids())
                .containsExactly(sent.get(0).uuid());
        assertThat(listed(deadLetters)).containsExactly(sent.get(1).uuid(), sent.get(2).uuid());
        assertThat(deadLetters.purgeAll(deadLetterTopic).count()).isEqualTo(2);

        assertThat(listed(deadLetters)).isEmpty();
    }

    @Test
    void aReplayThatFailsHalfWayLeavesWhatItDidNotReplay() throws Exception {
        List<Message> sent = deadLettered(3);
        AtomicInteger publishes = new AtomicInteger();
        Publisher failingSecond = (target, messages) -> {
            if (publishes.incrementAndGet() == 2) {
                throw new KincirException("the original topic is down (test)");
            }
            backend.publisher().publish(target, messages);
        };
        DeadLetters deadLetters = deadLetters(failingSecond);
        try (Subscriber original = backend.subscriber(newGroup())) {
            original.subscribe(topic);

            assertThatThrownBy(() -> deadLetters.replayAll(deadLetterTopic)).isInstanceOf(KincirException.class)
                    .hasMessageContaining("Replayed 1 of 3").hasMessageContaining(sent.get(1).uuid())
                    .hasMessageContaining("the original topic is down");

            assertThat(payloads(receive(original, 1))).containsExactly("order-0");
        }
        assertThat(listed(deadLetters)).containsExactly(sent.get(1).uuid(), sent.get(2).uuid());
    }
}

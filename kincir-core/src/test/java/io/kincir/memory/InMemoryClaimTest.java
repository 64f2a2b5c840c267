package io.kincir.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kincir.BrokerShutdownException;
import io.kincir.Message;
import io.kincir.QueueFullException;
import io.kincir.Subscriber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A plain subscriber takes runs of messages at once ({@link Claim}): all it may when alone in its
 * group, a share when members compete; what it holds stays queued in every respect until handed out.
 */
class InMemoryClaimTest {

    private static final List<Message> TEN = IntStream.range(0, 10).mapToObj(i -> Message.of("m" + i)).toList();

    @Test
    void claimedMessagesCountAsQueuedAndGoBackToTheGroupInOrderWhenTheSubscriberCloses() throws InterruptedException {
        try (InMemoryBroker broker = InMemoryBroker.withDefaultConfig()) {
            Subscriber first = broker.subscriber("g");
            first.subscribe("t");
            broker.publisher().publish("t", TEN);
            for (int i = 0; i < 3; i++) {
                assertThat(first.receive().payloadAsString()).isEqualTo("m" + i);
            }
            assertThat(broker.healthCheck().queuedMessages()).isEqualTo(7);

            first.close();

            try (Subscriber second = broker.subscriber("g")) {
                second.subscribe("t");
                for (int i = 3; i < 10; i++) {
                    assertThat(second.receive(Duration.ofSeconds(5))).map(Message::payloadAsString).contains("m" + i);
                }
                assertThat(second.receive(Duration.ZERO)).isEmpty();
            }
            assertThat(broker.healthCheck().droppedMessages()).isZero();
        }
    }

    @Test
    void competingMembersEachClaimOnlyAShareAndTogetherGetEveryMessageOnce() throws InterruptedException {
        List<Message> batch = IntStream.range(0, 40).mapToObj(i -> Message.of("m" + i)).toList();
        try (InMemoryBroker broker = InMemoryBroker.withDefaultConfig()) {
            List<Subscriber> members = IntStream.range(0, 4).mapToObj(i -> broker.subscriber("g")).toList();
            members.forEach(member -> member.subscribe("t"));
            broker.publisher().publish("t", batch);

            List<String> received = new ArrayList<>();
            for (Subscriber member : members) {
                assertThat(member.receive(Duration.ZERO)).as("each member finds work while the others hold theirs")
                        .hasValueSatisfying(message -> received.add(message.payloadAsString()));
            }
            boolean any = true;
            while (any) {
                any = false;
                for (Subscriber member : members) {
                    Optional<Message> message = member.receive(Duration.ZERO);
                    message.ifPresent(each -> received.add(each.payloadAsString()));
                    any |= message.isPresent();
                }
            }
            members.forEach(Subscriber::close);

            assertThat(received).containsExactlyInAnyOrderElementsOf(batch.stream().map(Message::payloadAsString).toList());
            assertThat(broker.healthCheck().droppedMessages()).isZero();
        }
    }

    @Test
    void aLoneMemberClaimsUpToMaxAndCompetingMembersAFewEach() {
        assertThat(Claim.runLength(100, 1)).isEqualTo(100);
        assertThat(Claim.runLength(1_000, 1)).isEqualTo(Claim.MAX);
        assertThat(Claim.runLength(100, 2)).isEqualTo(Claim.SHARED_MAX);
        assertThat(Claim.runLength(20, 4)).isEqualTo(5);
        assertThat(Claim.runLength(3, 4)).isEqualTo(1);
    }

    @Test
    void aClaimedMessageKeepsItsRoomInABoundedQueueUntilItIsReceived() throws InterruptedException {
        try (InMemoryBroker broker = new InMemoryBroker(InMemoryConfig.defaults().withMaxQueueSize(10));
                Subscriber subscriber = broker.subscriber("g")) {
            subscriber.subscribe("t");
            broker.publisher().publish("t", TEN);
            subscriber.receive();

            broker.publisher().publish("t", Message.of("fits"));
            assertThatThrownBy(() -> broker.publisher().publish("t", Message.of("does not fit")))
                    .isInstanceOf(QueueFullException.class);
        }
    }

    @Test
    void roomFreedByHandingOutClaimedMessagesStaysFreeAfterTheMemberCloses() throws InterruptedException {
        try (InMemoryBroker broker = new InMemoryBroker(InMemoryConfig.defaults().withMaxQueueSize(10))) {
            Subscriber first = broker.subscriber("g");
            first.subscribe("t");
            broker.publisher().publish("t", TEN);
            for (int i = 0; i < 4; i++) {
                first.receive();
            }
            first.close();

            broker.publisher().publish("t", TEN.subList(0, 4));
            assertThatThrownBy(() -> broker.publisher().publish("t", Message.of("does not fit")))
                    .isInstanceOf(QueueFullException.class);
            assertThat(broker.healthCheck().queuedMessages()).isEqualTo(10);
        }
    }

    @Test
    void claimedMessagesThatExpireAreNeverDeliveredAndAreCounted() throws InterruptedException {
        Duration ttl = Duration.ofMillis(100);
        try (InMemoryBroker broker = new InMemoryBroker(InMemoryConfig.defaults().withMessageTtl(ttl)
                .withCleanupInterval(null));
                Subscriber subscriber = broker.subscriber("g")) {
            subscriber.subscribe("t");
            long published = System.nanoTime();
            broker.publisher().publish("t", TEN);
            assertThat(subscriber.receive().payloadAsString()).isEqualTo("m0");
            await().atMost(Duration.ofSeconds(5)).until(() -> System.nanoTime() - published > 3 * ttl.toNanos());

            assertThat(subscriber.receive(Duration.ZERO)).isEmpty();
            assertThat(broker.healthCheck().expiredMessages()).isEqualTo(9);
            assertThat(broker.healthCheck().queuedMessages()).isZero();
        }
    }

    @Test
    void deletingTheGroupDropsWhatItsMemberClaimed() throws InterruptedException {
        try (InMemoryBroker broker = InMemoryBroker.withDefaultConfig();
                Subscriber subscriber = broker.subscriber("g")) {
            subscriber.subscribe("t");
            broker.publisher().publish("t", TEN);
            subscriber.receive();

            broker.deleteGroup("t", "g");

            assertThat(subscriber.receive(Duration.ZERO)).isEmpty();
            assertThat(broker.healthCheck().droppedMessages()).isEqualTo(9);
        }
    }

    @Test
    void closingAPrivateSubscriberDropsAndCountsWhatItClaimed() throws InterruptedException {
        try (InMemoryBroker broker = InMemoryBroker.withDefaultConfig()) {
            Subscriber subscriber = broker.subscriber();
            subscriber.subscribe("t");
            broker.publisher().publish("t", TEN);
            subscriber.receive();

            subscriber.close();

            assertThat(broker.healthCheck().droppedMessages()).isEqualTo(9);
            assertThat(broker.healthCheck().queuedMessages()).isZero();
        }
    }

    @Test
    void afterAForcedShutdownClaimedMessagesAreDroppedAndCountedWhenTheirMemberNextReceives() throws InterruptedException {
        InMemoryBroker broker = InMemoryBroker.withDefaultConfig();
        Subscriber subscriber = broker.subscriber("g");
        subscriber.subscribe("t");
        broker.publisher().publish("t", TEN);
        subscriber.receive();

        broker.forceShutdown();

        assertThatThrownBy(subscriber::receive).isInstanceOf(BrokerShutdownException.class);
        assertThat(broker.healthCheck().droppedMessages()).isEqualTo(9);
        assertThat(broker.healthCheck().queuedMessages()).isZero();
    }
}

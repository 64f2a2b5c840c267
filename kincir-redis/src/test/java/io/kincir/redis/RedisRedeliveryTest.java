package io.kincir.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.AckSubscriber;
import io.kincir.Delivery;
import io.kincir.Message;
import io.kincir.Subscriber;
import io.lettuce.core.KillArgs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Entries a member holds reach another member of its group: after the claim idle time when the member
 * dies, at once when it nacks with requeue or closes.
 */
class RedisRedeliveryTest {

    private static final Duration CLAIM_IDLE = Duration.ofSeconds(2);

    private final TestRedis redis = new TestRedis();
    private final ExecutorService otherMember = Executors.newSingleThreadExecutor();

    @AfterEach
    void tearDown() {
        otherMember.shutdownNow();
        redis.close();
    }

    @Test
    void aMemberKilledHoldingEntriesLeavesThemToAnotherAfterTheClaimIdleTime() throws Exception {
        RedisSettings settings = redis.settings().withClaims(Duration.ofMillis(200), CLAIM_IDLE);
        // Two backends, as two processes: the dying one is never closed.
        RedisBackend dying = redis.backend(settings);
        RedisBackend surviving = redis.backend(settings);
        AckSubscriber victim = dying.ackSubscriber("workers");
        AckSubscriber survivor = surviving.ackSubscriber("workers");
        victim.subscribe("jobs");
        survivor.subscribe("jobs");
        List<Message> sent = messages("job", 5);
        dying.publisher().publish("jobs", sent);
        List<Delivery> held = receive(victim, 5);

        // Killed: its connection cut by the server, and nothing reads or settles for it any more.
        Member member = dying.members().get(0);
        long clientId = clientIdOf(member.consumer());
        redis.inspector().clientKill(KillArgs.Builder.id(clientId));
        long killedAt = System.nanoTime();

        List<Delivery> redelivered = receive(survivor, 5, CLAIM_IDLE.multipliedBy(10));

        assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isGreaterThanOrEqualTo(CLAIM_IDLE.minusMillis(500));
        assertThat(redelivered).extracting(d -> d.message().uuid())
                .containsExactlyInAnyOrderElementsOf(held.stream().map(d -> d.message().uuid()).toList());
        redelivered.forEach(Delivery::ack);
        assertThat(redis.inspector().xpending(key(dying, "jobs"),
                "workers").getCount()).isZero();
    }

    @Test
    void entriesAMemberReadAheadStayWithItWhileEachHandlerIsFarQuickerThanTheClaimIdleTime() throws Exception {
        RedisBackend backend = claimingBackend();
        try (AckSubscriber busy = worker(backend); AckSubscriber idle = worker(backend)) {
            List<Message> sent = messages("job", 40);
            backend.publisher().publish("jobs", sent);
            // One read takes all forty: the busy member holds them while it handles one after the other.
            List<Delivery> handled = new ArrayList<>(receive(busy, 1));
            AtomicBoolean stop = new AtomicBoolean();
            Future<List<Delivery>> takenOver = otherMember.submit(() -> {
                List<Delivery> taken = new ArrayList<>();
                while (!stop.get()) {
                    idle.receive(Duration.ofMillis(100)).ifPresent(taken::add);
                }
                return taken;
            });

            // Each handler takes a twentieth of the claim idle time, all forty twice the claim idle time.
            Thread.sleep(CLAIM_IDLE.toMillis() / 20);
            handled.get(0).ack();
            while (handled.size() < sent.size()) {
                Delivery delivery = receive(busy);
                Thread.sleep(CLAIM_IDLE.toMillis() / 20);
                delivery.ack();
                handled.add(delivery);
            }
            stop.set(true);

            assertThat(takenOver.get(10, TimeUnit.SECONDS)).extracting(d -> d.message().payloadAsString())
                    .as("entries the idle member claimed from the busy one").isEmpty();
            assertThat(handled).extracting(d -> d.message().uuid())
                    .containsExactlyInAnyOrderElementsOf(sent.stream().map(Message::uuid).toList());
        }
    }

    @Test
    void entriesClaimedFromAMemberWhileAHandlerOfItStalledAreNotHandedOutByItAsWell() throws Exception {
        RedisBackend backend = claimingBackend();
        try (AckSubscriber stalling = worker(backend); AckSubscriber idle = worker(backend)) {
            backend.publisher().publish("jobs", messages("job", 10));
            Delivery stalled = receive(stalling);
            Future<List<Delivery>> takenOver = otherMember.submit(() -> {
                // All ten: the nine held behind the stalled handler, and the stalled one itself, which
                // outlasted the claim idle time and so is delivered twice.
                List<Delivery> taken = receive(idle, 10, CLAIM_IDLE.multipliedBy(5));
                taken.forEach(Delivery::ack);
                return taken;
            });

            Thread.sleep(CLAIM_IDLE.multipliedBy(3).dividedBy(2).toMillis());
            stalled.ack();

            assertThat(takenOver.get(CLAIM_IDLE.multipliedBy(6).toMillis(), TimeUnit.MILLISECONDS)).hasSize(10);
            assertThat(stalling.receive(Duration.ofMillis(500))).map(d -> d.message().payloadAsString())
                    .as("an entry the other member claimed and handled").isEmpty();
        }
    }

    /** @return a backend whose members claim what another left pending for the claim idle time, looking every 100 ms */
    private RedisBackend claimingBackend() {
        return redis.backend(redis.settings().withClaims(Duration.ofMillis(100), CLAIM_IDLE));
    }

    /** @return a member of group {@code workers} on topic {@code jobs} */
    private static AckSubscriber worker(RedisBackend backend) {
        AckSubscriber worker = backend.ackSubscriber("workers");
        worker.subscribe("jobs");
        return worker;
    }

    @Test
    void nackWithRequeueReachesAnotherMemberAtOnce() throws InterruptedException {
        RedisBackend backend = redis.backend();
        try (AckSubscriber first = backend.ackSubscriber("workers");
                AckSubscriber second = backend.ackSubscriber("workers")) {
            first.subscribe("jobs");
            second.subscribe("jobs");
            Message sent = Message.of("retry elsewhere");
            backend.publisher().publish("jobs", sent);
            Delivery delivery = first.receive(Duration.ofSeconds(10)).orElseThrow();

            long nackedAt = System.nanoTime();
            delivery.nack(true);
            Optional<Delivery> again = second.receive(Duration.ofSeconds(10));

            // Far sooner than the claim idle time (a minute by default): nothing waits to be claimed.
            assertThat(Duration.ofNanos(System.nanoTime() - nackedAt)).isLessThan(Duration.ofSeconds(5));
            assertThat(again).map(d -> d.message().uuid()).contains(sent.uuid());
            again.get().ack();
            assertThat(first.receive(Duration.ofMillis(300))).isEmpty();
        }
    }

    @Test
    void closingHandsBackEveryHeldEntryAtOnceWhetherHandedOutOrNot() throws InterruptedException {
        RedisBackend backend = redis.backend();
        try (AckSubscriber survivor = backend.ackSubscriber("workers")) {
            AckSubscriber leaving = backend.ackSubscriber("workers");
            leaving.subscribe("jobs");
            survivor.subscribe("jobs");
            List<Message> sent = messages("held", 5);
            backend.publisher().publish("jobs", sent);
            // One read takes all five; two are handed out, three wait in the member.
            receive(leaving, 2);

            long closedAt = System.nanoTime();
            leaving.close();
            List<Delivery> redelivered = receive(survivor, 5, Duration.ofSeconds(10));

            assertThat(Duration.ofNanos(System.nanoTime() - closedAt)).isLessThan(Duration.ofSeconds(5));
            assertThat(redelivered).extracting(d -> d.message().uuid())
                    .containsExactlyInAnyOrderElementsOf(sent.stream().map(Message::uuid).toList());
            redelivered.forEach(Delivery::ack);
        }
    }

    @Test
    void aClosingPlainSubscriberKeepsWhatItHandedOutAndHandsBackTheRest() throws InterruptedException {
        RedisBackend backend = redis.backend();
        try (Subscriber next = backend.subscriber("readers")) {
            Subscriber leaving = backend.subscriber("readers");
            leaving.subscribe("news");
            next.subscribe("news");
            backend.publisher().publish("news", messages("item", 5));
            assertThat(leaving.receive(Duration.ofSeconds(10))).map(Message::payloadAsString).contains("item-0");
            assertThat(leaving.receive(Duration.ofSeconds(10))).map(Message::payloadAsString).contains("item-1");

            leaving.close();

            List<String> rest = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                rest.add(next.receive(Duration.ofSeconds(10)).orElseThrow().payloadAsString());
            }
            assertThat(rest).containsExactlyInAnyOrder("item-2", "item-3", "item-4");
            assertThat(next.receive(Duration.ofMillis(300))).isEmpty();
        }
    }

    private long clientIdOf(String consumer) {
        for (String line : redis.inspector().clientList().split("\n")) {
            if (line.contains(" name=" + consumer + " ")) {
                String id = line.substring(line.indexOf("id=") + 3);
                return Long.parseLong(id.substring(0, id.indexOf(' ')));
            }
        }
        throw new AssertionError("No connection named " + consumer);
    }

    static String key(RedisBackend backend, String topic) {
        return new String(backend.keys().stream(topic), java.nio.charset.StandardCharsets.UTF_8);
    }

    static List<Message> messages(String prefix, int count) {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(Message.of(prefix + "-" + i));
        }
        return messages;
    }

    static Delivery receive(AckSubscriber subscriber) throws InterruptedException {
        return receive(subscriber, 1).get(0);
    }

    static List<Delivery> receive(AckSubscriber subscriber, int count) throws InterruptedException {
        return receive(subscriber, count, Duration.ofSeconds(10));
    }

    /** Receives exactly {@code count} deliveries within the time, failing otherwise. */
    static List<Delivery> receive(AckSubscriber subscriber, int count, Duration within) throws InterruptedException {
        List<Delivery> received = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (received.size() < count) {
            long left = deadline - System.nanoTime();
            assertThat(left).as("received %d of %d within %s", received.size(), count, within).isPositive();
            subscriber.receive(Duration.ofNanos(left)).ifPresent(received::add);
        }
        return received;
    }
}

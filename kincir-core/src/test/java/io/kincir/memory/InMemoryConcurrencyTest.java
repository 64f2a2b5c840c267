package io.kincir.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kincir.AckSubscriber;
import io.kincir.BrokerShutdownException;
import io.kincir.Delivery;
import io.kincir.Message;
import io.kincir.Subscriber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Many publishers, several groups of several members, some redeliveries: each group gets each message exactly once. */
class InMemoryConcurrencyTest {

    @Test
    void publishersGroupsAndMembersRaceWithoutLossOrDuplicates() throws Exception {
        int publishers = 4;
        int perPublisher = 20_000;
        int groups = 2;
        int membersPerGroup = 3;
        int total = publishers * perPublisher;
        ExecutorService threads = Executors.newFixedThreadPool(publishers + groups * membersPerGroup);
        try (InMemoryBroker broker = new InMemoryBroker(InMemoryConfig.highPerformance().withMaxQueueSize(1_000)
                .withPublishTimeout(Duration.ofSeconds(30)))) {
            List<AckSubscriber> members = new ArrayList<>();
            Map<Integer, Set<String>> receivedByGroup = new ConcurrentHashMap<>();
            Map<Integer, AtomicInteger> duplicatesByGroup = new ConcurrentHashMap<>();
            List<Future<?>> consuming = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                int group = g;
                Set<String> received = ConcurrentHashMap.newKeySet();
                receivedByGroup.put(group, received);
                duplicatesByGroup.put(group, new AtomicInteger());
                for (int m = 0; m < membersPerGroup; m++) {
                    AckSubscriber member = broker.ackSubscriber("group-" + g);
                    member.subscribe("t");
                    members.add(member);
                    consuming.add(threads.submit(() -> {
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                        int seen = 0;
                        while (received.size() < total && System.nanoTime() < deadline) {
                            Optional<Delivery> delivery = member.receive(Duration.ofMillis(50));
                            if (delivery.isEmpty()) {
                                continue;
                            }
                            // Every 97th delivery is sent back once, to race redelivery with everything else.
                            if (++seen % 97 == 0) {
                                delivery.get().nack(true);
                                continue;
                            }
                            if (!received.add(delivery.get().message().payloadAsString())) {
                                duplicatesByGroup.get(group).incrementAndGet();
                            }
                            delivery.get().ack();
                        }
                        return null;
                    }));
                }
            }
            List<Future<?>> publishing = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                int publisher = p;
                publishing.add(threads.submit(() -> {
                    for (int i = 0; i < perPublisher; i += 10) {
                        List<Message> batch = new ArrayList<>(10);
                        for (int j = i; j < i + 10; j++) {
                            batch.add(Message.of(publisher + ":" + j));
                        }
                        broker.publisher().publish("t", batch);
                    }
                    return null;
                }));
            }
            for (Future<?> each : publishing) {
                each.get(60, TimeUnit.SECONDS);
            }
            for (Future<?> each : consuming) {
                each.get(60, TimeUnit.SECONDS);
            }
            members.forEach(AckSubscriber::close);

            for (int g = 0; g < groups; g++) {
                assertThat(receivedByGroup.get(g)).as("group %d", g).hasSize(total);
                assertThat(duplicatesByGroup.get(g)).as("duplicates in group %d", g).hasValue(0);
            }
            assertThat(broker.healthCheck().queuedMessages()).isZero();
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Members that block in {@code receive()} without a timeout, competing hard for their group's lock
     * while publishers wake them: a wake that lands while a member waits for that lock must not be
     * lost, or the member sleeps through every later wake, shutdown's included. Members that park at
     * once and members that spin first both, whatever the machine's default.
     */
    @ParameterizedTest(name = "receiverSpin {0} ns")
    @ValueSource(longs = {0, 20_000})
    void blockedMembersAllWakeForShutdownAfterAContendedStream(long receiverSpinNanos) throws Exception {
        // Publishers wait for room rather than fail: on a busy machine they can run 100,000 messages ahead of
        // the members, and a full queue is not what this test is about.
        InMemoryConfig config = InMemoryConfig.highPerformance().withReceiverSpin(Duration.ofNanos(receiverSpinNanos))
                .withPublishTimeout(Duration.ofSeconds(30));
        // The race is rare per wake; a few streams make a lost wake show up in most runs.
        for (int stream = 0; stream < 5; stream++) {
            streamThenShutdown(config, 6, 2, 100_000);
        }
    }

    private static void streamThenShutdown(InMemoryConfig config, int members, int publishers, int perPublisher)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(members + publishers);
        try {
            InMemoryBroker broker = new InMemoryBroker(config);
            AtomicInteger received = new AtomicInteger();
            List<Future<?>> receiving = new ArrayList<>();
            for (int m = 0; m < members; m++) {
                Subscriber member = broker.subscriber("workers");
                member.subscribe("t");
                receiving.add(threads.submit(() -> {
                    try {
                        while (true) {
                            member.receive();
                            received.incrementAndGet();
                        }
                    } catch (BrokerShutdownException expected) {
                        return null;
                    }
                }));
            }
            List<Future<?>> publishing = new ArrayList<>();
            Message message = Message.of("work");
            for (int p = 0; p < publishers; p++) {
                publishing.add(threads.submit(() -> {
                    for (int i = 0; i < perPublisher; i++) {
                        broker.publisher().publish("t", message);
                    }
                }));
            }
            for (Future<?> each : publishing) {
                each.get(60, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> received.get() == publishers * perPublisher);

            broker.shutdown();

            for (Future<?> each : receiving) {
                each.get(10, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}

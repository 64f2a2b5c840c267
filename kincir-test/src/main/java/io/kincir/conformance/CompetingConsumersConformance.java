package io.kincir.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.AckSubscriber;
import io.kincir.Delivery;
import io.kincir.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Members of one group compete: each member gets a share, and together they receive every message
 * exactly once when they acknowledge.
 */
public abstract class CompetingConsumersConformance extends BackendConformance {

    private static final int MEMBERS = 4;
    private static final int MESSAGES = 400;

    @Test
    void fourMembersEachGetAShareAndTogetherEveryMessageOnce() throws Exception {
        String topic = newTopic();
        String group = newGroup();
        List<AckSubscriber> members = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(MEMBERS);
        try {
            for (int i = 0; i < MEMBERS; i++) {
                AckSubscriber member = backend.ackSubscriber(group);
                members.add(member);
                member.subscribe(topic);
            }
            backend.publisher().publish(topic, messages("work", MESSAGES));

            // Each member holds its first message until every member has one: a share for each,
            // whatever the scheduling, without sleeping.
            CyclicBarrier everyoneHasOne = new CyclicBarrier(MEMBERS);
            AtomicInteger total = new AtomicInteger();
            Map<Integer, List<String>> byMember = new ConcurrentHashMap<>();
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < MEMBERS; i++) {
                int index = i;
                AckSubscriber member = members.get(i);
                List<String> mine = Collections.synchronizedList(new ArrayList<>());
                byMember.put(index, mine);
                running.add(threads.submit(() -> {
                    long deadline = System.nanoTime() + receiveTimeout().toNanos() * 2;
                    boolean first = true;
                    while (total.get() < MESSAGES && System.nanoTime() < deadline) {
                        Optional<Delivery> delivery = member.receive(Duration.ofMillis(100));
                        if (delivery.isEmpty()) {
                            continue;
                        }
                        mine.add(delivery.get().message().payloadAsString());
                        if (first) {
                            everyoneHasOne.await(receiveTimeout().toMillis(), TimeUnit.MILLISECONDS);
                            first = false;
                        }
                        delivery.get().ack();
                        total.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> each : running) {
                each.get(receiveTimeout().toMillis() * 3, TimeUnit.MILLISECONDS);
            }

            List<String> all = new ArrayList<>();
            byMember.values().forEach(all::addAll);
            assertThat(all).containsExactlyInAnyOrderElementsOf(payloads(messages("work", MESSAGES)));
            assertThat(byMember.values()).allSatisfy(mine -> assertThat(mine).isNotEmpty());
            for (AckSubscriber member : members) {
                assertNothingMore(member);
            }
        } finally {
            threads.shutdownNow();
            members.forEach(AckSubscriber::close);
        }
    }

    @Test
    void aMessageTakenByOneMemberIsNotGivenToAnother() throws InterruptedException {
        String topic = newTopic();
        String group = newGroup();
        try (AckSubscriber first = backend.ackSubscriber(group); AckSubscriber second = backend.ackSubscriber(group)) {
            first.subscribe(topic);
            second.subscribe(topic);
            backend.publisher().publish(topic, Message.of("once"));

            Optional<Delivery> fromFirst = first.receive(receiveTimeout());
            Optional<Delivery> fromSecond = fromFirst.isPresent() ? second.receive(quietPeriod()) : second.receive(receiveTimeout());

            assertThat(fromFirst.isPresent() ^ fromSecond.isPresent()).as("exactly one member got it").isTrue();
            (fromFirst.isPresent() ? fromFirst : fromSecond).get().ack();
        }
    }
}

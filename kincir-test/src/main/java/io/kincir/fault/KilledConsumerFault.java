package io.kincir.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.kincir.conformance.BackendConformance;
import io.kincir.listener.ListenerContainer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * A consumer process killed with SIGKILL while it holds unacknowledged messages: a member of the same
 * group that survives, in the test's JVM, handles every one of them, within the backend's redelivery
 * time ({@link #redeliveryTimeout()}).
 *
 * <p>The test starts a child JVM running {@link HoldingConsumer}, which builds its backend with
 * {@link #childBackend()}, joins the group after the survivor and holds what it gets without
 * acknowledging. The survivor, a {@link ListenerContainer}, waits until the child holds its share, then
 * handles; the child is killed with {@link Process#destroyForcibly()}, and every message published must
 * then be handled at least once. Duplicates are counted and printed, not failed: redelivering what a
 * dead process held is what at-least-once means.
 *
 * <p>Not for the in-memory broker, whose queues die with the process that holds them.
 */
public abstract class KilledConsumerFault extends BackendConformance {

    private static final int MESSAGES = 200;
    private static final int PAYLOAD_BYTES = 64;

    /**
     * @return how the child builds a backend that reaches the same server with the same settings as
     *     {@link #createBackend()}'s; called once per test, after {@link #createBackend()}
     */
    protected abstract ChildBackend childBackend();

    /**
     * @return how long after the kill the held messages may take to reach the survivor: the backend's
     *     documented redelivery time for a member that died (a Kafka session timeout and rebalance, a
     *     RabbitMQ connection loss, a NATS ack wait, a Redis claim idle time), with room for a slow machine
     */
    protected abstract Duration redeliveryTimeout();

    @Test
    void deliveriesHeldByAKilledAckSubscriberGoToASurvivingMember() throws InterruptedException {
        // The survivor's receive-ahead holds at most some dozens before its handler is let go, so the
        // child gets at least a quarter of the messages.
        killHoldingConsumer("ack-subscriber", MESSAGES / 4);
    }

    @Test
    void messagesInTheHandlersOfAKilledListenerGoToASurvivingMember() throws InterruptedException {
        killHoldingConsumer("listener", HoldingConsumer.LISTENER_CONCURRENCY);
    }

    private void killHoldingConsumer(String mode, int mustHold) throws InterruptedException {
        String topic = newTopic();
        String group = newGroup();
        CountedMessages counted = CountedMessages.of(MESSAGES);
        CountDownLatch childHolds = new CountDownLatch(1);
        ListenerContainer survivor = ListenerContainer.builder(backend).id("survivor").topics(topic).group(group)
                .deadLetterTopic("").pollTimeout(Duration.ofMillis(200))
                .handler(message -> {
                    childHolds.await();
                    counted.handled(message.uuid());
                })
                .build();
        survivor.start();
        List<String> arguments = Stream.concat(Stream.of(mode, topic, group), childBackend().commandLine().stream())
                .toList();
        try (ChildJvm child = ChildJvm.start(HoldingConsumer.class, List.of("-Xmx256m"), arguments)) {
            child.awaitLines(HoldingConsumer.SUBSCRIBED, 1, receiveTimeout().multipliedBy(2));
            counted.publish(backend.publisher(), topic, 0, MESSAGES, PAYLOAD_BYTES);
            child.awaitLines(HoldingConsumer.HELD, mustHold, receiveTimeout());
            childHolds.countDown();

            long killedAt = System.nanoTime();
            int exit = child.kill();
            List<Integer> held = child.lines(HoldingConsumer.HELD).stream()
                    .map(line -> counted.indexOf(line.substring(HoldingConsumer.HELD.length()))).toList();

            assertThat(exit).as("exit value of %s: killed by SIGKILL", child).isEqualTo(ChildJvm.KILLED_BY_SIGKILL);
            assertThat(held).as("uuids the child held").doesNotContain(-1);
            awaitAllHandled(counted, held);
            Duration redelivery = Duration.ofNanos(System.nanoTime() - killedAt);
            assertThat(counted.foreign()).as("messages handled that were not published by this test").isZero();
            System.out.printf("kincir-fault: %s %s: %d held by the killed %s, all %d handled %d ms after the kill, "
                    + "%d duplicates%n", backend.getClass().getSimpleName(), mode, held.size(), mode, MESSAGES,
                    redelivery.toMillis(), counted.duplicates());
        } finally {
            childHolds.countDown();
            survivor.stop();
        }
    }

    private void awaitAllHandled(CountedMessages counted, List<Integer> held) {
        try {
            Awaitility.await().atMost(redeliveryTimeout()).pollInterval(Duration.ofMillis(20))
                    .until(() -> counted.distinct() == MESSAGES);
        } catch (ConditionTimeoutException e) {
            List<Integer> heldAndLost = held.stream().filter(index -> !counted.wasHandled(index)).toList();
            fail("Within " + redeliveryTimeout() + " of the kill the survivor handled " + counted.summary() + "; of the "
                    + held.size() + " the killed consumer held, " + heldAndLost.size() + " never came: " + heldAndLost);
        }
    }
}

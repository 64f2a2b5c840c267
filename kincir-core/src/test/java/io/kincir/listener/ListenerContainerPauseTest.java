package io.kincir.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kincir.Message;
import io.kincir.memory.InMemoryBroker;
import io.kincir.memory.InMemoryConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pausing a container: it keeps its subscriptions and consumers but hands nothing to the handler until resumed. */
class ListenerContainerPauseTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** How long a test waits to see that something does not happen: the only wait not on a condition. */
    private static final Duration QUIET = Duration.ofMillis(500);

    private final InMemoryBroker broker = new InMemoryBroker(InMemoryConfig.defaults());
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final ListenerContainer container = ListenerContainer.builder(broker).id("payments").topics("orders")
            .group("payments").concurrency(2).pollTimeout(Duration.ofSeconds(30))
            .handler(message -> handled.add(message.payloadAsString())).build();

    @AfterEach
    void tearDown() {
        container.stop();
        broker.close();
    }

    private void publish(String... payloads) {
        for (String payload : payloads) {
            broker.publisher().publish("orders", Message.of(payload));
        }
    }

    @Test
    void aPausedListenerKeepsItsSubscriptionAndHandlesWhatCameMeanwhileOnceResumed() throws Exception {
        container.start();
        publish("before");
        await().atMost(WAIT).until(() -> handled.size() == 1);

        container.pause();
        publish("while paused 1", "while paused 2");
        Thread.sleep(QUIET.toMillis());

        assertThat(handled).as("nothing handled while paused").containsExactly("before");
        ListenerState paused = container.state();
        assertThat(paused.paused()).isTrue();
        assertThat(paused.running()).isTrue();
        assertThat(paused.consumers()).as("the consumers live on, subscribed").isEqualTo(2);
        assertThat(broker.healthCheck().queuedMessages()).as("the group kept collecting").isEqualTo(2);

        container.resume();

        await().atMost(WAIT).until(() -> handled.size() == 3);
        assertThat(handled).containsExactlyInAnyOrder("before", "while paused 1", "while paused 2");
        assertThat(container.state().paused()).isFalse();
    }

    @Test
    void pausingWakesConsumersWaitingToReceiveSoThatNothingReachesTheHandlerAfterwards() throws Exception {
        // The poll timeout is 30 s: a consumer blocked in receive must be woken by the pause, or the
        // next message would still reach the handler.
        container.start();
        await().atMost(WAIT).until(() -> container.state().consumers() == 2);

        container.pause();
        publish("while paused");
        Thread.sleep(QUIET.toMillis());

        assertThat(handled).isEmpty();
        container.resume();
        await().atMost(WAIT).until(() -> handled.size() == 1);
    }

    @Test
    void aListenerPausedBeforeItStartsSubscribesButDoesNotHandleUntilResumed() throws Exception {
        container.pause();
        container.start();
        publish("early");
        Thread.sleep(QUIET.toMillis());

        assertThat(handled).isEmpty();
        assertThat(container.state().paused()).isTrue();
        container.resume();
        await().atMost(WAIT).until(() -> handled.size() == 1);
    }

    @Test
    void aPausedListenerStopsAndStartsAgainPaused() throws Exception {
        container.start();
        container.pause();

        container.stop();
        assertThat(container.state().running()).isFalse();
        assertThat(container.state().paused()).as("a stopped listener remembers it was paused").isTrue();
        container.start();
        publish("after restart");
        Thread.sleep(QUIET.toMillis());
        assertThat(handled).isEmpty();

        container.resume();
        await().atMost(WAIT).until(() -> handled.size() == 1);
    }

    @Test
    void failedAttemptsAreCounted() {
        ListenerContainer failing = ListenerContainer.builder(broker).topics("refunds").group("refunds")
                .retryPolicy(RetryPolicy.of(2, Duration.ofMillis(1), 1.0, Duration.ofMillis(1)))
                .pollTimeout(Duration.ofMillis(100)).handler(message -> {
                    throw new IllegalStateException("refunds are down");
                }).build();
        failing.start();
        try {
            broker.publisher().publish("refunds", Message.of("r-1"));

            await().atMost(WAIT).until(() -> failing.state().deadLettered() == 1);
            assertThat(failing.state().failedAttempts()).isEqualTo(2);
            assertThat(failing.state().handled()).isZero();
        } finally {
            failing.stop();
        }
    }
}

package io.kincir.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReceivingPhaseTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ReceivingPhase phase = new ReceivingPhase();

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void aConsumerOutsideThePhaseIsNotInterrupted() {
        phase.interruptIfReceiving(Thread.currentThread());
        assertThat(Thread.currentThread().isInterrupted()).as("before entering").isFalse();

        phase.enter();
        phase.leave();
        phase.interruptIfReceiving(Thread.currentThread());

        assertThat(Thread.currentThread().isInterrupted()).as("after leaving").isFalse();
    }

    @Test
    void aConsumerInThePhaseIsInterruptedAndLeavingClearsIt() {
        phase.enter();
        phase.interruptIfReceiving(Thread.currentThread());

        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        phase.leave();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aConsumerWaitingInThePhaseIsWoken() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        AtomicBoolean woken = new AtomicBoolean();
        Thread consumer = new Thread(() -> {
            phase.enter();
            try {
                entered.countDown();
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                woken.set(true);
            } finally {
                phase.leave();
            }
        });
        consumer.start();
        assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        phase.interruptIfReceiving(consumer);

        await().atMost(WAIT).untilTrue(woken);
        consumer.join(WAIT.toMillis());
        assertThat(consumer.isAlive()).isFalse();
    }

    /**
     * A waker that keeps interrupting while the consumer enters and leaves: the consumer never finds
     * itself interrupted between leaving and entering again, where it would be handling a message.
     */
    @Test
    void noInterruptOutlivesThePhaseWhateverTheRace() throws Exception {
        int rounds = 200_000;
        AtomicInteger interruptedOutside = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        Thread consumer = new Thread(() -> {
            for (int i = 0; i < rounds; i++) {
                phase.enter();
                phase.leave();
                if (Thread.currentThread().isInterrupted()) {
                    interruptedOutside.incrementAndGet();
                    Thread.interrupted();
                }
            }
            done.set(true);
        });
        Thread waker = new Thread(() -> {
            while (!done.get()) {
                phase.interruptIfReceiving(consumer);
            }
        });
        consumer.start();
        waker.start();

        await().atMost(Duration.ofSeconds(60)).untilTrue(done);
        waker.join(WAIT.toMillis());
        assertThat(interruptedOutside).hasValue(0);
    }
}

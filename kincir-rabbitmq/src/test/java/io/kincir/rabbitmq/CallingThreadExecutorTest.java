package io.kincir.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CallingThreadExecutorTest {

    @Test
    void runsEachTaskOnTheSubmittingThreadBeforeExecuteReturns() {
        CallingThreadExecutor executor = new CallingThreadExecutor();
        AtomicReference<Thread> ranOn = new AtomicReference<>();

        executor.execute(() -> ranOn.set(Thread.currentThread()));

        assertThat(ranOn).hasValue(Thread.currentThread());
    }

    @Test
    void refusesTasksOnceShutDownAndCountsAsTerminated() throws InterruptedException {
        CallingThreadExecutor executor = new CallingThreadExecutor();
        assertThat(executor.isShutdown()).isFalse();
        assertThat(executor.isTerminated()).isFalse();

        executor.shutdown();

        assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> executor.execute(() -> { }))
                .withMessageContaining("shut down");
        assertThat(executor.isTerminated()).isTrue();
        assertThat(executor.awaitTermination(1, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(executor.shutdownNow()).isEmpty();
    }
}

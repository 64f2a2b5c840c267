package io.kincir.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void backOffGrowsByTheMultiplierUpToTheMaximum() {
        RetryPolicy policy = RetryPolicy.of(10, Duration.ofMillis(100), 2.0, Duration.ofMillis(500));

        assertThat(policy.backoffAfter(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoffAfter(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoffAfter(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.backoffAfter(4)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.backoffAfter(1000)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void defaultsAreThreeAttemptsFromOneSecond() {
        assertThat(RetryPolicy.defaults()).isEqualTo(RetryPolicy.of(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10)));
        assertThat(RetryPolicy.noRetries().maxAttempts()).isEqualTo(1);
    }

    @Test
    void valuesOutOfRangeAreRefusedWithTheirName() {
        assertThatThrownBy(() -> RetryPolicy.defaults().withMaxAttempts(0)).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> RetryPolicy.defaults().withBackoff(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(2)))
                .hasMessageContaining("multiplier");
        assertThatThrownBy(() -> RetryPolicy.defaults().withBackoff(Duration.ofSeconds(2), 2, Duration.ofSeconds(1)))
                .hasMessageContaining("maximum back-off");
    }

    @Test
    void aJitterMovesTheWaitWithinItsBoundsGrowingWithTheWait() {
        RetryPolicy policy = RetryPolicy.of(10, Duration.ofMillis(100), 2.0, Duration.ofMillis(1000))
                .withJitter(Duration.ofMillis(10));

        // 100ms: ±10ms, but never below the delay
        assertThat(policy.backoffAfter(1, 0.0)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoffAfter(1, 0.5)).isEqualTo(Duration.ofMillis(105));
        // 200ms, twice the delay: ±20ms
        assertThat(policy.backoffAfter(2, 0.0)).isEqualTo(Duration.ofMillis(180));
        assertThat(policy.backoffAfter(2, 0.5)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoffAfter(2, 0.75)).isEqualTo(Duration.ofMillis(210));
        // 400ms: ±40ms
        assertThat(policy.backoffAfter(3, 0.0)).isEqualTo(Duration.ofMillis(360));
        assertThat(policy.backoffAfter(3, 0.999)).isBetween(Duration.ofMillis(439), Duration.ofMillis(440));
        // 1000ms, capped: ±100ms, but never above the maximum
        assertThat(policy.backoffAfter(5, 0.0)).isEqualTo(Duration.ofMillis(900));
        assertThat(policy.backoffAfter(5, 0.999)).isBetween(Duration.ofMillis(999), Duration.ofMillis(1000));
        for (int i = 0; i < 1000; i++) {
            assertThat(policy.backoffAfter(2)).isBetween(Duration.ofMillis(180), Duration.ofMillis(220));
            assertThat(policy.backoffAfter(9)).isBetween(Duration.ofMillis(900), Duration.ofMillis(1000));
        }
    }

    @Test
    void withoutJitterTheWaitIsExact() {
        RetryPolicy policy = RetryPolicy.of(10, Duration.ofMillis(100), 1.5, Duration.ofMillis(1000));

        assertThat(policy.jitter()).isZero();
        assertThat(policy.backoffAfter(1, 0.9)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoffAfter(2, 0.9)).isEqualTo(Duration.ofMillis(150));
        assertThat(policy.backoffAfter(3, 0.9)).isEqualTo(Duration.ofMillis(225));
    }

    @Test
    void everyFailureIsRetriedUnlessTypesAreNamed() {
        assertThat(RetryPolicy.defaults().shouldRetry(new IllegalStateException())).isTrue();
        assertThat(RetryPolicy.defaults().retryable()).isEmpty();
        assertThat(RetryPolicy.defaults().notRetryable()).isEmpty();
    }

    @Test
    void aNotRetryableTypeAnywhereInTheCauseChainStopsRetries() {
        RetryPolicy policy = RetryPolicy.defaults().withNotRetryable(List.of(IllegalArgumentException.class));

        assertThat(policy.shouldRetry(new IllegalArgumentException("bad"))).isFalse();
        assertThat(policy.shouldRetry(new NumberFormatException("a subclass"))).isFalse();
        assertThat(policy.shouldRetry(new IllegalStateException(new RuntimeException(new IllegalArgumentException()))))
                .isFalse();
        assertThat(policy.shouldRetry(new IllegalStateException(new RuntimeException()))).isTrue();
    }

    @Test
    void retryableTypesLimitRetriesToThemAndNotRetryableOnesWin() {
        RetryPolicy policy = RetryPolicy.defaults().withRetryable(List.of(IOException.class, TimeoutException.class))
                .withNotRetryable(List.of(java.io.FileNotFoundException.class));

        assertThat(policy.shouldRetry(new TimeoutException())).isTrue();
        assertThat(policy.shouldRetry(new UncheckedIOException(new IOException("reset")))).as("a cause").isTrue();
        assertThat(policy.shouldRetry(new IllegalStateException("other"))).isFalse();
        assertThat(policy.shouldRetry(new UncheckedIOException(new java.io.FileNotFoundException()))).isFalse();
    }

    @Test
    void aCauseChainThatLoopsIsWalkedOnce() {
        IllegalStateException first = new IllegalStateException();
        RuntimeException second = new RuntimeException(first);
        first.initCause(second);

        assertThat(RetryPolicy.defaults().withRetryable(List.of(IOException.class)).shouldRetry(first)).isFalse();
    }

    @Test
    void aClassThatIsNotAnExceptionIsRefusedByName() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        List<Class<? extends Throwable>> notExceptions = (List) List.of(String.class);

        assertThatThrownBy(() -> RetryPolicy.defaults().withRetryable(notExceptions))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retryable names java.lang.String, which is not an exception type (a Throwable)");
        assertThatThrownBy(() -> RetryPolicy.defaults().withJitter(Duration.ofMillis(-1)))
                .hasMessageContaining("jitter");
    }

    @Test
    void jitterAndTypesTakePartInEquality() {
        RetryPolicy policy = RetryPolicy.defaults();

        assertThat(policy.withJitter(Duration.ofMillis(5))).isNotEqualTo(policy)
                .isEqualTo(policy.withJitter(Duration.ofMillis(5)));
        assertThat(policy.withRetryable(List.of(IOException.class))).isNotEqualTo(policy)
                .hasSameHashCodeAs(policy.withRetryable(List.of(IOException.class)));
        assertThat(policy.withNotRetryable(List.of(IOException.class)).toString()).contains("java.io.IOException");
    }
}

package io.kincir.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
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
}

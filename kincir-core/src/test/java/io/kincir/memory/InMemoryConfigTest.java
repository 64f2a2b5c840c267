package io.kincir.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryConfigTest {

    @Test
    void defaultsAreUnlimitedOrderedWithoutTtlOrStats() {
        InMemoryConfig config = InMemoryConfig.defaults();

        assertThat(config.maxQueueSize()).isZero();
        assertThat(config.maxTopics()).isZero();
        assertThat(config.maintainOrder()).isTrue();
        assertThat(config.messageTtl()).isNull();
        assertThat(config.cleanupInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.stats()).isFalse();
        assertThat(config.maxSubscribersPerTopic()).isZero();
        assertThat(config.publishTimeout()).isZero();
    }

    @Test
    void profilesDifferWhereDocumented() {
        assertThat(InMemoryConfig.forTesting()).isEqualTo(InMemoryConfig.defaults().withStats(true)
                .withMaxQueueSize(10_000).withPublishTimeout(Duration.ofSeconds(5))
                .withCleanupInterval(Duration.ofMillis(100)));
        assertThat(InMemoryConfig.highPerformance()).isEqualTo(InMemoryConfig.defaults().withMaintainOrder(false)
                .withCleanupInterval(Duration.ofMinutes(5)));
    }

    @Test
    void withersReturnNewValuesAndLeaveTheOriginal() {
        InMemoryConfig original = InMemoryConfig.defaults();
        InMemoryConfig changed = original.withMaxQueueSize(10).withMaxTopics(20).withMaintainOrder(false)
                .withMessageTtl(Duration.ofSeconds(5)).withCleanupInterval(Duration.ofSeconds(1)).withStats(true)
                .withMaxSubscribersPerTopic(3).withPublishTimeout(Duration.ofMillis(250));

        assertThat(original).isEqualTo(InMemoryConfig.defaults());
        assertThat(changed.maxQueueSize()).isEqualTo(10);
        assertThat(changed.maxTopics()).isEqualTo(20);
        assertThat(changed.maintainOrder()).isFalse();
        assertThat(changed.messageTtl()).isEqualTo(Duration.ofSeconds(5));
        assertThat(changed.cleanupInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(changed.stats()).isTrue();
        assertThat(changed.maxSubscribersPerTopic()).isEqualTo(3);
        assertThat(changed.publishTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(changed.toString()).contains("maxQueueSize=10", "publishTimeout=PT0.25S");
    }

    @Test
    void zeroDurationsMeanOff() {
        InMemoryConfig config = InMemoryConfig.defaults().withMessageTtl(Duration.ZERO).withCleanupInterval(null)
                .withPublishTimeout(null);

        assertThat(config.messageTtl()).isNull();
        assertThat(config.cleanupInterval()).isNull();
        assertThat(config.publishTimeout()).isZero();
    }

    @Test
    void negativeValuesAreRejectedWithTheOptionNamed() {
        assertThatIllegalArgumentException().isThrownBy(() -> InMemoryConfig.defaults().withMaxQueueSize(-1))
                .withMessageContaining("maxQueueSize");
        assertThatIllegalArgumentException().isThrownBy(() -> InMemoryConfig.defaults().withMaxTopics(-1))
                .withMessageContaining("maxTopics");
        assertThatIllegalArgumentException().isThrownBy(() -> InMemoryConfig.defaults().withMaxSubscribersPerTopic(-1))
                .withMessageContaining("maxSubscribersPerTopic");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> InMemoryConfig.defaults().withMessageTtl(Duration.ofSeconds(-1)))
                .withMessageContaining("messageTtl");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> InMemoryConfig.defaults().withPublishTimeout(Duration.ofSeconds(-1)))
                .withMessageContaining("publishTimeout");
    }
}

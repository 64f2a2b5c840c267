package io.kincir.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryConfigTest {

    @Test
    void defaultsAreBoundedOrderedWithoutTtlOrStats() {
        InMemoryConfig config = InMemoryConfig.defaults();

        assertThat(config.maxQueueSize()).isEqualTo(100_000);
        assertThat(config.maxTopics()).isEqualTo(10_000);
        assertThat(config.maintainOrder()).isTrue();
        assertThat(config.messageTtl()).isNull();
        assertThat(config.cleanupInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.stats()).isFalse();
        assertThat(config.maxSubscribersPerTopic()).isZero();
        assertThat(config.publishTimeout()).isZero();
    }

    @Test
    void receiversSpinByDefaultExceptOnASingleCpu() {
        Duration expected = Runtime.getRuntime().availableProcessors() > 1 ? Duration.ofNanos(20_000) : Duration.ZERO;

        assertThat(InMemoryConfig.defaults().receiverSpin()).isEqualTo(expected);
        assertThat(InMemoryConfig.forTesting().receiverSpin()).isEqualTo(expected);
        assertThat(InMemoryConfig.highPerformance().receiverSpin()).isEqualTo(expected);
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
                .withMaxSubscribersPerTopic(3).withPublishTimeout(Duration.ofMillis(250))
                .withReceiverSpin(Duration.ofNanos(5_000));

        assertThat(original).isEqualTo(InMemoryConfig.defaults());
        assertThat(changed.maxQueueSize()).isEqualTo(10);
        assertThat(changed.maxTopics()).isEqualTo(20);
        assertThat(changed.maintainOrder()).isFalse();
        assertThat(changed.messageTtl()).isEqualTo(Duration.ofSeconds(5));
        assertThat(changed.cleanupInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(changed.stats()).isTrue();
        assertThat(changed.maxSubscribersPerTopic()).isEqualTo(3);
        assertThat(changed.publishTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(changed.receiverSpin()).isEqualTo(Duration.ofNanos(5_000));
        assertThat(changed.toString()).contains("maxQueueSize=10", "publishTimeout=PT0.25S", "receiverSpin=PT0.000005S");
    }

    @Test
    void zeroDurationsMeanOff() {
        InMemoryConfig config = InMemoryConfig.defaults().withMessageTtl(Duration.ZERO).withCleanupInterval(null)
                .withPublishTimeout(null).withReceiverSpin(null);

        assertThat(config.messageTtl()).isNull();
        assertThat(config.cleanupInterval()).isNull();
        assertThat(config.publishTimeout()).isZero();
        assertThat(config.receiverSpin()).isZero();
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
        assertThatIllegalArgumentException()
                .isThrownBy(() -> InMemoryConfig.defaults().withReceiverSpin(Duration.ofNanos(-1)))
                .withMessageContaining("receiverSpin");
    }

    @Test
    void aReceiverSpinOverASecondIsRejectedWithAdvice() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> InMemoryConfig.defaults().withReceiverSpin(Duration.ofMillis(1001)))
                .withMessageContaining("receiverSpin must be at most PT1S").withMessageContaining("should park");
        assertThat(InMemoryConfig.defaults().withReceiverSpin(Duration.ofSeconds(1)).receiverSpin())
                .isEqualTo(Duration.ofSeconds(1));
    }
}

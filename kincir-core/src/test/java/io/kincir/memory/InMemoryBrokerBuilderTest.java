package io.kincir.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.Features;
import org.junit.jupiter.api.Test;

class InMemoryBrokerBuilderTest {

    @Test
    void buildsWithTheDefaultsUnlessGivenSettings() {
        try (InMemoryBroker plain = InMemoryBroker.builder().build();
                InMemoryBroker testing = InMemoryBroker.builder().settings(InMemoryConfig.forTesting()).build()) {
            assertThat(plain.config()).isEqualTo(InMemoryConfig.defaults());
            assertThat(testing.config()).isEqualTo(InMemoryConfig.forTesting());
        }
    }

    @Test
    void declaresSequenceNumbersOnlyWhileItMaintainsOrder() {
        try (InMemoryBroker ordered = InMemoryBroker.builder().build();
                InMemoryBroker unordered = InMemoryBroker.builder()
                        .settings(InMemoryConfig.defaults().withMaintainOrder(false)).build()) {
            assertThat(ordered.features().sequence()).isTrue();
            assertThat(unordered.features().sequence()).isFalse();
            assertThat(unordered.features()).extracting(Features::order, Features::ttl, Features::delay,
                    Features::boundedQueues, Features::survivesRestart)
                    .containsExactly(Features.OrderScope.TOPIC, true, true, true, false);
        }
    }
}

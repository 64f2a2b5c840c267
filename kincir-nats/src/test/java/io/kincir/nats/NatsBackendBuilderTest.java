package io.kincir.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.kincir.Features;
import io.nats.client.Options;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NatsBackendBuilderTest {

    @Test
    void optionsOrAConnectionExcludeTheOtherConnectionSettings() {
        Options options = new Options.Builder().server("nats://127.0.0.1:4222").build();

        assertThatIllegalStateException().isThrownBy(() -> NatsBackend.builder().options(options)
                .servers("nats://other:4222").build()).withMessageContaining("not both");
        assertThatIllegalStateException().isThrownBy(() -> NatsBackend.builder().credentials("u", "p").token("t")
                .build()).withMessageContaining("one way to authenticate");
    }

    @Test
    void buildingDoesNotConnect() {
        try (NatsBackend backend = NatsBackend.builder().servers("nats://127.0.0.1:1").build()) {
            assertThat(backend.settings()).isEqualTo(NatsSettings.defaults());
        }
    }

    @Test
    void featuresFollowTheStorage() {
        try (NatsBackend onDisk = NatsBackend.builder().build();
                NatsBackend inMemory = NatsBackend.builder().settings(NatsSettings.defaults().withPersistent(false)).build()) {
            assertThat(onDisk.features()).isEqualTo(Features.builder().order(Features.OrderScope.TOPIC).sequence().ttl()
                    .delay().survivesRestart().build());
            assertThat(inMemory.features().survivesRestart()).isFalse();
        }
    }

    @Test
    void settingsRefuseValuesOutOfRange() {
        NatsSettings defaults = NatsSettings.defaults();
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.withPullBatch(0)).withMessageContaining("pullBatch");
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.withAckWait(Duration.ZERO))
                .withMessageContaining("ackWait");
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.withReplicas(6)).withMessageContaining("replicas");
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.withMaxAge(Duration.ofSeconds(-1)))
                .withMessageContaining("maxAge");
    }
}

package io.kincir.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.spi.BackendModule;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class KafkaBackendModuleTest {

    @Test
    void theServiceLoaderFindsTheKafkaBackendAsKafka() {
        assertThat(ServiceLoader.load(BackendModule.class).stream().map(ServiceLoader.Provider::get))
                .filteredOn(module -> module.name().equals("kafka"))
                .singleElement()
                .satisfies(module -> assertThat(module.backendType()).isEqualTo(KafkaBackend.class));
    }
}

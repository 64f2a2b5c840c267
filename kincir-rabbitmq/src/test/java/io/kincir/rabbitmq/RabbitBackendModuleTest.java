package io.kincir.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.spi.BackendModule;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class RabbitBackendModuleTest {

    @Test
    void theServiceLoaderFindsTheRabbitBackendAsRabbitmq() {
        assertThat(ServiceLoader.load(BackendModule.class).stream().map(ServiceLoader.Provider::get))
                .filteredOn(module -> module.name().equals("rabbitmq"))
                .singleElement()
                .satisfies(module -> assertThat(module.backendType()).isEqualTo(RabbitBackend.class));
    }
}

package io.kincir.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.spi.BackendModule;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class NatsBackendModuleTest {

    @Test
    void theServiceLoaderFindsTheNatsBackendAsNats() {
        assertThat(ServiceLoader.load(BackendModule.class).stream().map(ServiceLoader.Provider::get))
                .filteredOn(module -> module.name().equals("nats"))
                .singleElement()
                .satisfies(module -> assertThat(module.backendType()).isEqualTo(NatsBackend.class));
    }
}

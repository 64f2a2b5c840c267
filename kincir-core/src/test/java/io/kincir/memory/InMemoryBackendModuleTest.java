package io.kincir.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.spi.BackendModule;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class InMemoryBackendModuleTest {

    @Test
    void theServiceLoaderFindsTheInMemoryBrokerAsInMemory() {
        assertThat(ServiceLoader.load(BackendModule.class).stream().map(ServiceLoader.Provider::get))
                .singleElement()
                .satisfies(module -> {
                    assertThat(module.name()).isEqualTo("in-memory");
                    assertThat(module.backendType()).isEqualTo(InMemoryBroker.class);
                });
    }
}

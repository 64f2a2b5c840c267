package io.kincir.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.spi.BackendModule;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class RedisBackendModuleTest {

    @Test
    void theServiceLoaderFindsTheRedisBackendAsRedis() {
        assertThat(ServiceLoader.load(BackendModule.class).stream().map(ServiceLoader.Provider::get))
                .filteredOn(module -> module.name().equals("redis"))
                .singleElement()
                .satisfies(module -> assertThat(module.backendType()).isEqualTo(RedisBackend.class));
    }
}

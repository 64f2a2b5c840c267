package io.kincir.memory;

import io.kincir.Backend;
import io.kincir.spi.BackendModule;

/** Registers the in-memory broker as {@code in-memory}; public only for {@link java.util.ServiceLoader}. */
public final class InMemoryBackendModule implements BackendModule {

    @Override
    public String name() {
        return "in-memory";
    }

    @Override
    public Class<? extends Backend> backendType() {
        return InMemoryBroker.class;
    }
}

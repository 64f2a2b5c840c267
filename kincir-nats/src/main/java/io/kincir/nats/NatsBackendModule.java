package io.kincir.nats;

import io.kincir.Backend;
import io.kincir.spi.BackendModule;

/** Registers the NATS JetStream backend as {@code nats}; public only for {@link java.util.ServiceLoader}. */
public final class NatsBackendModule implements BackendModule {

    @Override
    public String name() {
        return "nats";
    }

    @Override
    public Class<? extends Backend> backendType() {
        return NatsBackend.class;
    }
}

package io.kincir.rabbitmq;

import io.kincir.Backend;
import io.kincir.spi.BackendModule;

/** Registers the RabbitMQ backend as {@code rabbitmq}; public only for {@link java.util.ServiceLoader}. */
public final class RabbitBackendModule implements BackendModule {

    @Override
    public String name() {
        return "rabbitmq";
    }

    @Override
    public Class<? extends Backend> backendType() {
        return RabbitBackend.class;
    }
}

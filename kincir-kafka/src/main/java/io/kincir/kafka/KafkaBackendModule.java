package io.kincir.kafka;

import io.kincir.Backend;
import io.kincir.spi.BackendModule;

/** Registers the Kafka backend as {@code kafka}; public only for {@link java.util.ServiceLoader}. */
public final class KafkaBackendModule implements BackendModule {

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public Class<? extends Backend> backendType() {
        return KafkaBackend.class;
    }
}

package io.kincir.redis;

import io.kincir.Backend;
import io.kincir.spi.BackendModule;

/** Registers the Redis Streams backend as {@code redis}; public only for {@link java.util.ServiceLoader}. */
public final class RedisBackendModule implements BackendModule {

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public Class<? extends Backend> backendType() {
        return RedisBackend.class;
    }
}

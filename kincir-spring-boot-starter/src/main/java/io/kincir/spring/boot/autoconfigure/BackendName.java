package io.kincir.spring.boot.autoconfigure;

import io.kincir.Backend;
import io.kincir.spi.BackendModule;

/**
 * The name of the backend an application runs, found from the backend itself: the name of the module
 * whose backend type it is ({@code kafka} for a {@code KafkaBackend}, also when the application built
 * the bean itself), or its class name when no module on the classpath registers its type (an
 * application's own backend, or one wrapping another).
 */
final class BackendName {

    private BackendName() {
    }

    static String of(Backend backend, ClassLoader classLoader) {
        return BackendModules.find(classLoader).stream()
                .filter(module -> module.backendType().isInstance(backend))
                .map(BackendModule::name)
                .findFirst()
                .orElse(backend.getClass().getName());
    }
}

package io.kincir.spi;

import io.kincir.Backend;

/**
 * A backend module's registration, so that tools such as the Spring Boot starter find every backend
 * on the classpath by its name, with no list of backends of their own.
 *
 * <p>A module registers exactly one implementation with {@link java.util.ServiceLoader}: a public
 * final class with a public no-argument constructor, named in the module's
 * {@code META-INF/services/io.kincir.spi.BackendModule}. kincir-core registers the in-memory broker;
 * {@code kincir-kafka} and {@code kincir-rabbitmq} register theirs. Implementations hold no state and
 * open nothing: finding a module must not connect to a broker.
 */
public interface BackendModule {

    /**
     * @return the name that selects this backend, as written in {@code kincir.backend}: lower case
     *     letters, digits and hyphens ({@code in-memory}, {@code kafka}, {@code rabbitmq}). A module
     *     published as {@code io.kincir:kincir-<name>} uses that {@code <name>}, so that a tool can tell
     *     a user which dependency adds a backend it does not find.
     */
    String name();

    /** @return the class of the backend this module provides */
    Class<? extends Backend> backendType();
}

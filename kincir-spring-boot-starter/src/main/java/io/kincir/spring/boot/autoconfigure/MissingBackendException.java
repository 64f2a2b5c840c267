package io.kincir.spring.boot.autoconfigure;

import io.kincir.KincirException;
import io.kincir.spi.BackendModule;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * No {@code Backend} bean exists for what {@code kincir.backend} names. Says what happened and the
 * fix, naming the dependency to add; {@link KincirBackendFailureAnalyzer} shows both at start-up.
 */
final class MissingBackendException extends KincirException {

    private static final long serialVersionUID = 1L;

    private final String description;
    private final String action;

    private MissingBackendException(String description, String action) {
        super(description + " " + action);
        this.description = description;
        this.action = action;
    }

    /**
     * @param value {@code kincir.backend} as configured, or null when it is not set
     * @param support what the auto-configuration of the named backend builds on, or null if no
     *     auto-configuration knows the name
     * @param classLoader the application's class loader, to find backend modules and Spring Boot's support
     */
    static MissingBackendException of(String value, BackendSupport support, ClassLoader classLoader) {
        List<BackendModule> modules = BackendModules.find(classLoader);
        String setTo = "kincir.backend is set to '" + value + "'";
        if (value == null) {
            Optional<String> selected = BackendModules.selectedWhenUnset(modules);
            if (selected.isEmpty()) {
                return severalCandidates(modules);
            }
            value = selected.get();
            setTo = "kincir.backend is not set, so it is '" + value + "' (" + (BackendModules.candidates(modules)
                    .isEmpty() ? "no other backend module is on the classpath)" : "the only backend module on the classpath)");
        }
        Optional<BackendModule> module = BackendModules.named(value, modules);
        if (support == null && module.isEmpty()) {
            return new MissingBackendException(setTo + ", which names no Kincir backend on the classpath.",
                    "Set kincir.backend to one of the backends on the classpath: " + modules.stream()
                            .map(BackendModule::name).collect(Collectors.joining(", "))
                            + "; or add the module of the backend you meant, io.kincir:kincir-<name>.");
        }
        if (support == null) {
            return new MissingBackendException(setTo + " and its module is on the classpath ("
                    + module.get().backendType().getName() + "), but no auto-configuration builds its Backend.",
                    "Add the module's Spring Boot auto-configuration, or define your own io.kincir.Backend bean.");
        }
        boolean bootPresent = support.bootSupportPresent(classLoader);
        String orInMemory = ", or set kincir.backend to in-memory.";
        if (module.isEmpty()) {
            return new MissingBackendException(setTo + ", but the " + support.backend() + " backend module is not on "
                    + "the classpath" + (bootPresent ? "." : ", nor is Spring Boot's support for the broker."),
                    "Add the dependency " + support.moduleCoordinates() + (bootPresent ? "" : " and the dependency "
                            + support.bootStarter() + " (Spring Boot manages its version)") + orInMemory);
        }
        if (!bootPresent) {
            return new MissingBackendException(setTo + ", but Spring Boot's support for the broker, whose connection "
                    + "beans the " + support.backend() + " backend is built on, is not on the classpath.",
                    "Add the dependency " + support.bootStarter() + " (Spring Boot manages its version)" + orInMemory);
        }
        return new MissingBackendException(setTo + " and the " + support.backend() + " backend module and Spring "
                + "Boot's support for the broker are on the classpath, but the connection beans the backend is built "
                + "on are missing, so no " + support.backend() + " Backend bean was created.",
                "See the conditions report (start with --debug) for why Spring Boot's auto-configuration of the broker "
                        + "did not apply, define the connection beans yourself, or define your own io.kincir.Backend "
                        + "bean.");
    }

    private static MissingBackendException severalCandidates(List<BackendModule> modules) {
        return new MissingBackendException("kincir.backend is not set, and several Kincir backend modules are on the "
                + "classpath: " + String.join(", ", BackendModules.candidates(modules)) + ".",
                "Set kincir.backend to the backend this application runs: one of " + modules.stream()
                        .map(BackendModule::name).collect(Collectors.joining(", "))
                        + "; or remove the backend modules it does not use.");
    }

    String description() {
        return description;
    }

    String action() {
        return action;
    }
}

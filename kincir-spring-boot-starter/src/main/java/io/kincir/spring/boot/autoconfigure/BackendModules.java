package io.kincir.spring.boot.autoconfigure;

import io.kincir.spi.BackendModule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** The backend modules on an application's classpath, as they register themselves. */
final class BackendModules {

    private BackendModules() {
    }

    /**
     * @param classLoader the application's class loader
     * @return every module it can load, by name; a registration whose class cannot be loaded (a
     *     module half on the classpath) counts as absent
     */
    static List<BackendModule> find(ClassLoader classLoader) {
        List<BackendModule> modules = new ArrayList<>();
        Iterator<BackendModule> iterator = ServiceLoader.load(BackendModule.class, classLoader).iterator();
        while (true) {
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                modules.add(iterator.next());
            } catch (ServiceConfigurationError absent) {
                // ServiceLoader goes on with the next registration after an error.
            }
        }
        modules.sort(Comparator.comparing(BackendModule::name));
        return modules;
    }

    /**
     * What an unset {@code kincir.backend} selects, as Spring Cloud Stream picks its only binder: the one
     * module other than the in-memory broker, or the in-memory broker when there is none.
     *
     * @param modules the modules on the classpath
     * @return the backend's name; empty when several modules are candidates, and the application must choose
     */
    static Optional<String> selectedWhenUnset(List<BackendModule> modules) {
        List<String> candidates = candidates(modules);
        if (candidates.size() > 1) {
            return Optional.empty();
        }
        return Optional.of(candidates.isEmpty() ? OnKincirBackendCondition.DEFAULT : candidates.get(0));
    }

    /** @return the names of the modules other than the in-memory broker, which an unset property chooses from */
    static List<String> candidates(List<BackendModule> modules) {
        return modules.stream().map(BackendModule::name)
                .filter(name -> !OnKincirBackendCondition.names(OnKincirBackendCondition.DEFAULT, name)).toList();
    }

    /** @return the module a {@code kincir.backend} value names, if it is on the classpath */
    static Optional<BackendModule> named(String value, List<BackendModule> modules) {
        return modules.stream().filter(module -> OnKincirBackendCondition.names(value, module.name())).findFirst();
    }
}

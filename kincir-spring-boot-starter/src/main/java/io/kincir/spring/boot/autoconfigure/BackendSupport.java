package io.kincir.spring.boot.autoconfigure;

import java.util.Arrays;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.util.ClassUtils;

/**
 * What the auto-configuration of one backend builds on, so that a start-up that ends without a
 * {@code Backend} can say which dependency is missing. Each backend's auto-configuration registers
 * one as a bean when {@code kincir.backend} selects it; {@link MissingBackendConfiguration} reads it.
 *
 * @param backend the backend's name, as its module registers it
 * @param bootStarter the Maven coordinates of Spring Boot's starter for the broker, or null for a broker
 *     that Spring Boot does not configure (NATS), whose backend needs nothing of Spring Boot's
 * @param autoConfiguration the backend's auto-configuration: it runs after Spring Boot's
 *     auto-configuration of the broker, whose names in {@code afterName} tell whether Spring Boot's
 *     support is on the classpath
 */
record BackendSupport(String backend, String bootStarter, Class<?> autoConfiguration) {

    /** @return whether any of Spring Boot's auto-configurations of the broker is on the classpath */
    boolean bootSupportPresent(ClassLoader classLoader) {
        return bootStarter == null || Arrays.stream(autoConfiguration.getAnnotation(AutoConfiguration.class).afterName())
                .anyMatch(name -> ClassUtils.isPresent(name, classLoader));
    }

    /** @return the module's Maven coordinates, by the convention {@code io.kincir:kincir-<name>} */
    String moduleCoordinates() {
        return "io.kincir:kincir-" + backend;
    }
}

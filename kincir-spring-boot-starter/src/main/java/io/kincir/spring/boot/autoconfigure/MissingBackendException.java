package io.kincir.spring.boot.autoconfigure;

import io.kincir.KincirException;
import io.kincir.spring.boot.autoconfigure.KincirProperties.BackendType;
import org.springframework.util.ClassUtils;

/** No {@code Backend} bean exists for what {@code kincir.backend} names; says why, for the failure analyzer. */
final class MissingBackendException extends KincirException {

    private static final long serialVersionUID = 1L;

    private final String value;
    private final BackendType type;
    private final boolean clientPresent;

    /**
     * @param value {@code kincir.backend} as configured, or null
     * @param type the backend it names, or null if it names none
     * @param classLoader the application's class loader, to look for the backend's client library
     */
    MissingBackendException(String value, BackendType type, ClassLoader classLoader) {
        super("No Kincir Backend bean for kincir.backend=" + value);
        this.value = value;
        this.type = type;
        this.clientPresent = type != null && BackendClient.of(type) != null
                && ClassUtils.isPresent(BackendClient.of(type).className(), classLoader);
    }

    String value() {
        return value;
    }

    BackendType type() {
        return type;
    }

    boolean clientPresent() {
        return clientPresent;
    }
}

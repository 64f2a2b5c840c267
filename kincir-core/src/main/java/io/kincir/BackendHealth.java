package io.kincir;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Whether a backend is usable, with details to show in a health endpoint.
 *
 * @param up whether the backend is reachable and accepts messages
 * @param details what the backend reports (for example topic counts or the broker version); when
 *     down, an {@code error} entry says why
 */
public record BackendHealth(boolean up, Map<String, Object> details) {

    public BackendHealth {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(details, "details")));
    }

    /**
     * @param details what the backend reports
     * @return an up health
     */
    public static BackendHealth up(Map<String, Object> details) {
        return new BackendHealth(true, details);
    }

    /**
     * @param reason why the backend is not usable
     * @param details what else is known
     * @return a down health, with {@code reason} under the {@code error} key
     */
    public static BackendHealth down(String reason, Map<String, Object> details) {
        Map<String, Object> all = new LinkedHashMap<>(details);
        all.put("error", reason);
        return new BackendHealth(false, all);
    }
}

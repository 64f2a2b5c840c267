package io.kincir.spring.boot.autoconfigure;

import io.kincir.spring.boot.autoconfigure.KincirProperties.BackendType;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;

/**
 * Explains a {@code kincir.backend} that does not work: an unknown value (ahead of Boot's generic
 * binding analysis), a backend whose client library is missing, or one this version does not provide.
 */
final class KincirBackendFailureAnalyzer implements FailureAnalyzer, Ordered {

    private static final String VALID = Arrays.stream(BackendType.values()).map(BackendType::toString)
            .collect(Collectors.joining(", "));

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        MissingBackendException missing = find(failure, MissingBackendException.class);
        if (missing != null) {
            return missing.type() == null ? unknown(missing.value(), null, missing) : missing(missing);
        }
        BindException binding = find(failure, BindException.class);
        if (binding != null && OnKincirBackendCondition.PROPERTY.equals(binding.getName().toString())
                && binding.getProperty() != null) {
            return unknown(String.valueOf(binding.getProperty().getValue()), binding.getProperty().getOrigin(), binding);
        }
        return null;
    }

    private static FailureAnalysis unknown(String value, Object origin, Throwable cause) {
        return new FailureAnalysis("kincir.backend is set to '" + value + "'" + (origin == null ? "" : " (" + origin + ")")
                + ", which is not a Kincir backend.", "Set kincir.backend to one of: " + VALID
                + " (nats and redis are not available in this version), or remove it for in-memory.", cause);
    }

    private static FailureAnalysis missing(MissingBackendException missing) {
        BackendType type = missing.type();
        BackendClient client = BackendClient.of(type);
        if (client == null) {
            return new FailureAnalysis("kincir.backend is set to '" + missing.value() + "', but the " + type
                    + " backend is not available in this version of Kincir.",
                    "Set kincir.backend to in-memory, kafka or rabbitmq, or define your own io.kincir.Backend bean.",
                    missing);
        }
        if (!missing.clientPresent()) {
            return new FailureAnalysis("kincir.backend is set to '" + missing.value() + "', but the " + type
                    + " backend needs " + client.library() + ", which is not on the classpath.",
                    "Add the dependency " + client.dependency() + " (Spring Boot manages its version), or set "
                            + "kincir.backend to in-memory.", missing);
        }
        return new FailureAnalysis("kincir.backend is set to '" + missing.value() + "' and " + client.library()
                + " is on the classpath, but no " + type + " Backend bean was created.",
                "Make sure the kincir-core version on the classpath provides the " + type + " backend, and see the "
                        + "conditions report (start with --debug) for why its configuration did not apply; or define "
                        + "your own io.kincir.Backend bean.", missing);
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    /** Before Boot's analyzers, whose binding analysis would otherwise explain an unknown value less well. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}

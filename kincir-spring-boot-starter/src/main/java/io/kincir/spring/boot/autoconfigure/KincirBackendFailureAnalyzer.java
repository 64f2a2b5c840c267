package io.kincir.spring.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@code kincir.backend} that gives no backend: an unknown name, a backend module that is
 * missing, or Spring Boot's support for its broker that is missing, each with the dependency to add.
 */
final class KincirBackendFailureAnalyzer extends AbstractFailureAnalyzer<MissingBackendException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingBackendException cause) {
        return new FailureAnalysis(cause.description(), cause.action(), cause);
    }
}

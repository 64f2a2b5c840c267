package io.kincir.spring.boot.autoconfigure;

import io.kincir.AuthenticationFailedException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up that failed because the backend's server refused the login (listeners connect
 * as the application starts): who was refused, and which properties to check. Neither part holds a
 * password or token.
 */
final class KincirAuthenticationFailureAnalyzer extends AbstractFailureAnalyzer<AuthenticationFailedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AuthenticationFailedException cause) {
        return new FailureAnalysis(cause.problem() + ".", cause.check() + ".", cause);
    }
}

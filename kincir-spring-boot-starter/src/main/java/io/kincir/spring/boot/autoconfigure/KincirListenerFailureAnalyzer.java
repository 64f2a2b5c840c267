package io.kincir.spring.boot.autoconfigure;

import io.kincir.spring.InvalidKincirListenerException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains an invalid {@code @KincirListener}: what is wrong as the description, what works as the action. */
final class KincirListenerFailureAnalyzer extends AbstractFailureAnalyzer<InvalidKincirListenerException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidKincirListenerException cause) {
        return new FailureAnalysis(cause.problem(), cause.fix(), cause);
    }
}

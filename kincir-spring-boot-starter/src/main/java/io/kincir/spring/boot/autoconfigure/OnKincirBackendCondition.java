package io.kincir.spring.boot.autoconfigure;

import java.util.Locale;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The condition of {@link ConditionalOnKincirBackend}. */
final class OnKincirBackendCondition extends SpringBootCondition {

    static final String PROPERTY = "kincir.backend";

    static final String DEFAULT = "in-memory";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String wanted = (String) metadata.getAnnotationAttributes(ConditionalOnKincirBackend.class.getName())
                .get("value");
        String value = context.getEnvironment().getProperty(PROPERTY, DEFAULT);
        boolean match = names(value, wanted);
        String message = PROPERTY + "=" + value + (match ? " selects " : " does not select ") + wanted;
        return match ? ConditionOutcome.match(message) : ConditionOutcome.noMatch(message);
    }

    /** @return whether a {@code kincir.backend} value names the backend: case and separators do not matter */
    static boolean names(String value, String backend) {
        return canonical(value).equals(canonical(backend));
    }

    private static String canonical(String value) {
        return value.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    }
}

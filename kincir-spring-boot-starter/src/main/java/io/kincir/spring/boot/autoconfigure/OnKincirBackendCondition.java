package io.kincir.spring.boot.autoconfigure;

import io.kincir.spring.boot.autoconfigure.KincirProperties.BackendType;
import java.util.Locale;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The condition of {@link ConditionalOnKincirBackend}. */
final class OnKincirBackendCondition extends SpringBootCondition {

    static final String PROPERTY = "kincir.backend";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        BackendType wanted = (BackendType) metadata.getAnnotationAttributes(ConditionalOnKincirBackend.class.getName())
                .get("value");
        String value = context.getEnvironment().getProperty(PROPERTY, BackendType.IN_MEMORY.toString());
        boolean match = parse(value).filter(wanted::equals).isPresent();
        String message = PROPERTY + "=" + value + (match ? " selects " : " does not select ") + wanted;
        return match ? ConditionOutcome.match(message) : ConditionOutcome.noMatch(message);
    }

    /** Parses as the binder's lenient enum conversion does: case and separators do not matter. */
    static Optional<BackendType> parse(String value) {
        String wanted = canonical(value);
        for (BackendType type : BackendType.values()) {
            if (canonical(type.name()).equals(wanted)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    private static String canonical(String value) {
        return value.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    }
}

package io.kincir.spring.boot.autoconfigure;

import io.kincir.spi.BackendModule;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
        String value = context.getEnvironment().getProperty(PROPERTY);
        if (value == null) {
            return whenUnset(wanted, context.getClassLoader());
        }
        boolean match = names(value, wanted);
        String message = PROPERTY + "=" + value + (match ? " selects " : " does not select ") + wanted;
        return match ? ConditionOutcome.match(message) : ConditionOutcome.noMatch(message);
    }

    private static ConditionOutcome whenUnset(String wanted, ClassLoader classLoader) {
        List<BackendModule> modules = BackendModules.find(classLoader);
        Optional<String> selected = BackendModules.selectedWhenUnset(modules);
        if (selected.isEmpty()) {
            return ConditionOutcome.noMatch(PROPERTY + " is not set and several backend modules are on the classpath "
                    + BackendModules.candidates(modules) + ", so none is selected");
        }
        boolean match = names(selected.get(), wanted);
        String message = PROPERTY + " is not set, so " + selected.get()
                + (selected.get().equals(DEFAULT) ? ", as no other backend module is on the classpath,"
                        : ", the only backend module on the classpath besides in-memory,")
                + (match ? " is selected" : " is selected, not " + wanted);
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

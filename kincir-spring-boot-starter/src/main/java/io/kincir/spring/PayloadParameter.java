package io.kincir.spring;

import io.kincir.listener.UnprocessableMessageException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.SmartValidator;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.ValidationAnnotationUtils;

/**
 * The payload parameter of a listener method: converted by content type, null for an empty payload
 * when {@code @Payload(required = false)}, and validated when annotated {@code @Valid} or
 * {@code @Validated}. An invalid payload is unprocessable: the same bytes never become valid, so it is
 * dead-lettered at once, with every violation in {@code _error}.
 */
final class PayloadParameter {

    private final Method method;
    private final Type type;
    private final boolean required;
    private final Object @Nullable [] validationHints;

    private PayloadParameter(Method method, Type type, boolean required, Object @Nullable [] validationHints) {
        this.method = method;
        this.type = type;
        this.required = required;
        this.validationHints = validationHints;
    }

    /**
     * @param payload the parameter's {@code @Payload}, or null when it has none
     * @param invalid makes the exception that refuses the method, from the problem
     */
    static PayloadParameter of(Method method, Parameter parameter, Type type, @Nullable Payload payload,
            Function<String, InvalidKincirListenerException> invalid) {
        if (payload != null && !payload.value().isEmpty()) {
            throw invalid.apply("has @Payload with an expression (\"" + payload.value() + "\"); Kincir binds the "
                    + "whole payload, so leave the expression out");
        }
        boolean required = payload == null || payload.required();
        if (!required && parameter.getType().isPrimitive()) {
            throw invalid.apply("is a " + parameter.getType() + " with @Payload(required = false), but a primitive "
                    + "cannot be null; take the wrapper type");
        }
        Object[] hints = null;
        for (Annotation annotation : parameter.getAnnotations()) {
            Object[] found = ValidationAnnotationUtils.determineValidationHints(annotation);
            if (found != null) {
                hints = found;
            }
        }
        return new PayloadParameter(method, type, required, hints);
    }

    /** @return whether the payload is validated, and so needs a {@link Validator} */
    boolean validated() {
        return validationHints != null;
    }

    /**
     * @param validator validates the payload if the parameter asks for it; null when the context has none
     * @throws InvalidKincirListenerException if the parameter asks for validation and there is no validator
     */
    ArgumentResolver resolver(PayloadConverter converter, @Nullable Validator validator) {
        if (validated() && validator == null) {
            throw new InvalidKincirListenerException("@KincirListener method " + ListenerMethod.describe(method)
                    + " cannot be used: its payload is annotated @Valid or @Validated, but the application context has "
                    + "no Validator, or several and none @Primary.", "Add Bean Validation (the dependency "
                    + "org.springframework.boot:spring-boot-starter-validation, with hibernate-validator), or remove "
                    + "@Valid from the parameter");
        }
        return message -> {
            if (!required && message.payload().length == 0) {
                return null;
            }
            Object value = converter.fromMessage(message, type);
            if (validationHints != null && validator.supports(value.getClass())) {
                validate(value, validator, message.uuid());
            }
            return value;
        };
    }

    private void validate(Object value, Validator validator, String uuid) {
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(value, "payload");
        if (validationHints.length > 0 && validator instanceof SmartValidator smart) {
            smart.validate(value, errors, validationHints);
        } else {
            validator.validate(value, errors);
        }
        if (!errors.hasErrors()) {
            return;
        }
        List<String> violations = errors.getAllErrors().stream().map(error -> (error instanceof FieldError field
                ? field.getField() : error.getObjectName()) + ": " + error.getDefaultMessage()).sorted().toList();
        throw new UnprocessableMessageException("The payload of message " + uuid + " is not a valid "
                + type.getTypeName() + ": " + String.join("; ", violations) + ". It is dead-lettered without "
                + "retries, since the same payload never becomes valid: correct the sender, then replay it");
    }
}

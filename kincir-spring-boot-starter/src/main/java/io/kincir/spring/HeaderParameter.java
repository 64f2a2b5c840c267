package io.kincir.spring;

import io.kincir.Message;
import io.kincir.listener.UnprocessableMessageException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.ValueConstants;

/**
 * A parameter annotated with spring-messaging's {@link Header @Header}: one metadata value, converted
 * to the parameter's type by Spring Boot's {@link ApplicationConversionService} (numbers, booleans,
 * enums, durations, …). A missing value is the {@code defaultValue}, else null (or an empty
 * {@link Optional}) when not required; a required one that is missing, or a value that does not
 * convert, makes the message unprocessable: no retry would change the metadata.
 */
final class HeaderParameter {

    private static final TypeDescriptor TEXT = TypeDescriptor.valueOf(String.class);

    private final Method method;
    private final String key;
    private final String description;
    private final TypeDescriptor type;
    private final boolean required;
    private final @Nullable Object missing;

    private HeaderParameter(Method method, String key, String description, TypeDescriptor type, boolean required,
            @Nullable Object missing) {
        this.method = method;
        this.key = key;
        this.description = description;
        this.type = type;
        this.required = required;
        this.missing = missing;
    }

    /**
     * @param header the annotation, its {@code value} and {@code name} aliases merged
     * @param description the parameter, for messages
     * @param invalid makes the exception that refuses the method, from the problem
     */
    static HeaderParameter of(Method method, int index, Parameter parameter, Header header, String description,
            Function<String, InvalidKincirListenerException> invalid) {
        String key = header.name();
        if (key.isEmpty()) {
            if (!parameter.isNamePresent()) {
                throw invalid.apply(description + " has @Header without a name, and the class was compiled without "
                        + "-parameters; name the key: @Header(\"customer\")");
            }
            key = parameter.getName();
        }
        TypeDescriptor type = new TypeDescriptor(new MethodParameter(method, index));
        ConversionService conversions = ApplicationConversionService.getSharedInstance();
        if (!conversions.canConvert(TEXT, type)) {
            throw invalid.apply(description + " is annotated @Header but a metadata value (a String) cannot be "
                    + "converted to " + type.getResolvableType() + "; take a String, a number, a boolean, an enum or "
                    + "another simple type");
        }
        boolean hasDefault = !ValueConstants.DEFAULT_NONE.equals(header.defaultValue());
        boolean required = header.required() && !hasDefault && parameter.getType() != Optional.class;
        Object missing = null;
        if (hasDefault) {
            try {
                missing = conversions.convert(header.defaultValue(), TEXT, type);
            } catch (ConversionException e) {
                throw invalid.apply(description + " has @Header(defaultValue = \"" + header.defaultValue()
                        + "\"), which is not a " + type.getResolvableType() + ": " + e.getMessage());
            }
        } else if (parameter.getType().isPrimitive()) {
            if (!required) {
                throw invalid.apply(description + " is a " + parameter.getType() + " bound to an optional @Header "
                        + "without a defaultValue, but a primitive cannot be null; give a defaultValue, or take the "
                        + "wrapper type");
            }
        } else {
            // An Optional parameter gets an empty Optional rather than null.
            missing = conversions.convert(null, TEXT, type);
        }
        return new HeaderParameter(method, key, description, type, required, missing);
    }

    ArgumentResolver resolver() {
        ConversionService conversions = ApplicationConversionService.getSharedInstance();
        return message -> {
            String value = message.metadata().get(key);
            if (value == null) {
                if (required) {
                    throw new UnprocessableMessageException("Message " + message.uuid() + " has no metadata '" + key
                            + "', which " + description + " of " + ListenerMethod.describe(method) + " requires. "
                            + "Send it, or make the parameter optional: @Header(name = \"" + key
                            + "\", required = false), or give it a defaultValue");
                }
                return missing;
            }
            try {
                return conversions.convert(value, TEXT, type);
            } catch (ConversionException e) {
                throw unconvertible(message, value, e);
            }
        };
    }

    private UnprocessableMessageException unconvertible(Message message, String value, ConversionException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return new UnprocessableMessageException("The metadata '" + key + "' of message " + message.uuid() + " is '"
                + value + "', which is not a " + type.getResolvableType() + " for " + description + " of "
                + ListenerMethod.describe(method) + ": " + cause);
    }
}

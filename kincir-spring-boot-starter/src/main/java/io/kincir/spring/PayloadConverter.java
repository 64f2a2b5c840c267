package io.kincir.spring;

import io.kincir.Message;
import io.kincir.MessageConversionException;
import io.kincir.MetadataKeys;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns objects into messages and back: {@code byte[]} and {@code String} as they are, a
 * {@link Message} unchanged, anything else as JSON through the application's mapper, marked
 * {@code content_type: application/json}. A payload that is not JSON of the type, JSON {@code null}
 * included, fails with a {@link MessageConversionException}.
 */
final class PayloadConverter {

    static final String JSON = "application/json";

    private final JsonMapper json;

    PayloadConverter(JsonMapper json) {
        this.json = json;
    }

    Message toMessage(Object payload, Map<String, String> metadata) {
        Objects.requireNonNull(payload, "payload");
        Message message;
        if (payload instanceof Message given) {
            message = given;
        } else if (payload instanceof byte[] bytes) {
            message = Message.of(bytes);
        } else if (payload instanceof String text) {
            message = Message.of(text);
        } else {
            try {
                message = Message.of(json.writeValueAsBytes(payload)).withMetadata(MetadataKeys.CONTENT_TYPE, JSON);
            } catch (JacksonException e) {
                throw new MessageConversionException("Cannot write a " + payload.getClass().getName() + " as JSON: "
                        + e.getOriginalMessage(), e);
            }
        }
        return message.withMetadata(metadata);
    }

    JavaType type(Type type) {
        return json.constructType(type);
    }

    Object fromMessage(Message message, JavaType type) {
        Class<?> raw = type.getRawClass();
        if (raw == Message.class) {
            return message;
        }
        if (raw == byte[].class) {
            return message.payload();
        }
        if (raw == String.class) {
            return message.payloadAsString();
        }
        Object value;
        try {
            value = json.readValue(message.payload(), type);
        } catch (JacksonException e) {
            throw unreadable(message, type, withoutInput(e));
        }
        // A listener's parameter, or a reply, is a value: JSON null would reach the method as a null it
        // never expects, and fail there on every retry instead of being dead-lettered at once.
        if (value == null) {
            throw unreadable(message, type, "the payload is JSON null, not a value");
        }
        return value;
    }

    private static MessageConversionException unreadable(Message message, JavaType type, String why) {
        return new MessageConversionException("Cannot read the payload of message " + message.uuid() + " ("
                + message.payload().length + " bytes, content_type "
                + message.metadata(MetadataKeys.CONTENT_TYPE).orElse("not set") + ") as JSON for "
                + type.toCanonical() + ": " + why, null);
    }

    /**
     * What went wrong reading JSON, and where, without Jackson's own message: that quotes the offending
     * input ({@code from String "…"}), which may be anything a payload carries (a card number, a
     * password), and this description reaches {@code _error}, the health details and the logs. For the
     * same reason Jackson's exception is not kept as the cause.
     */
    private static String withoutInput(JacksonException e) {
        StringBuilder text = new StringBuilder(e.getClass().getSimpleName());
        if (!e.getPath().isEmpty()) {
            text.append(" at ").append(e.getPathReference());
        }
        TokenStreamLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            text.append(" (line ").append(location.getLineNr()).append(", column ").append(location.getColumnNr())
                    .append(')');
        }
        return text.append("; the payload is not quoted, to keep its content out of logs").toString();
    }

    <T> T fromMessage(Message message, Class<T> type) {
        @SuppressWarnings("unchecked")
        T value = (T) fromMessage(message, json.constructType(type));
        return value;
    }
}

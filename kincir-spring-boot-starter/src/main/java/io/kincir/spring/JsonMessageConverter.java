package io.kincir.spring;

import io.kincir.Message;
import io.kincir.MessageConversionException;
import io.kincir.MetadataKeys;
import java.lang.reflect.Type;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MimeType;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * The built-in JSON converter, through the application's Jackson mapper: any type, for a message
 * whose content type is {@code application/json}, a {@code +json} type, or not set. A payload that is
 * not JSON of the type, JSON {@code null} included, fails with a {@link MessageConversionException}.
 */
final class JsonMessageConverter implements KincirMessageConverter {

    static final String JSON = "application/json";

    private final JsonMapper json;

    JsonMessageConverter(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean supports(@Nullable MimeType contentType, Class<?> type) {
        return contentType == null || "json".equals(contentType.getSubtype())
                || "json".equals(contentType.getSubtypeSuffix());
    }

    @Override
    public Message toMessage(Object payload, @Nullable MimeType contentType) {
        try {
            return Message.of(json.writeValueAsBytes(payload)).withMetadata(MetadataKeys.CONTENT_TYPE,
                    contentType == null ? JSON : contentType.toString());
        } catch (JacksonException e) {
            throw new MessageConversionException("Cannot write a " + payload.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    @Override
    public Object fromMessage(Message message, Type targetType) {
        JavaType type = json.constructType(targetType);
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
}

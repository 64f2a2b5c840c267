package io.kincir.spring;

import io.kincir.Message;
import io.kincir.MessageConversionException;
import io.kincir.MetadataKeys;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ResolvableType;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns objects into messages and back with the first {@link KincirMessageConverter} that supports
 * the message's {@code content_type} and the Java type: the application's converters in their order,
 * then the built-in ones ({@code byte[]} as it is, {@code String} as text, anything else as JSON when
 * the content type is JSON or not set). A {@link Message} is passed as it is. Without a content type,
 * {@code byte[]} and {@code String} are sent without one, and objects as JSON marked
 * {@code content_type: application/json}.
 */
final class PayloadConverter {

    static final String JSON = JsonMessageConverter.JSON;

    private final List<KincirMessageConverter> converters;

    PayloadConverter(JsonMapper json) {
        this(List.of(), json);
    }

    /**
     * @param applicationConverters the application's converters, asked first, in this order
     * @param json the mapper of the built-in JSON converter
     */
    PayloadConverter(List<KincirMessageConverter> applicationConverters, JsonMapper json) {
        List<KincirMessageConverter> all = new ArrayList<>(applicationConverters);
        all.add(new BytesMessageConverter());
        all.add(new TextMessageConverter());
        all.add(new JsonMessageConverter(json));
        this.converters = List.copyOf(all);
    }

    Message toMessage(Object payload, Map<String, String> metadata) {
        Objects.requireNonNull(payload, "payload");
        if (payload instanceof Message given) {
            return given.withMetadata(metadata);
        }
        String asked = metadata.get(MetadataKeys.CONTENT_TYPE);
        MimeType contentType = asked == null ? null : parse(asked, "Cannot send a " + payload.getClass().getName());
        KincirMessageConverter converter = converter(contentType, payload.getClass());
        if (converter == null) {
            throw new MessageConversionException("Cannot send a " + payload.getClass().getName() + " as content_type "
                    + asked + ": no converter writes it. Add a KincirMessageConverter bean that supports " + asked
                    + ", or send without content_type (JSON)", null);
        }
        return converter.toMessage(payload, contentType).withMetadata(metadata);
    }

    /**
     * @param message the message
     * @param type the type to read its payload as: {@link Message} for the message itself
     * @return the payload as {@code type}, never null
     * @throws MessageConversionException if the payload cannot be read, or no converter reads its content type
     */
    Object fromMessage(Message message, Type type) {
        // A plain class, what most listeners take, needs no ResolvableType made per message.
        Class<?> raw = type instanceof Class<?> plain ? plain : ResolvableType.forType(type).toClass();
        if (raw == Message.class) {
            return message;
        }
        MimeType contentType = contentType(message);
        KincirMessageConverter converter = converter(contentType, raw);
        if (converter == null) {
            throw new MessageConversionException("Cannot read the payload of message " + message.uuid()
                    + " (content_type " + contentType + ") as " + type.getTypeName() + ": no converter reads "
                    + contentType + ". Add a KincirMessageConverter bean that supports it, or send it as JSON", null);
        }
        Object value;
        try {
            value = converter.fromMessage(message, type);
        } catch (MessageConversionException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MessageConversionException("Cannot read the payload of message " + message.uuid() + " ("
                    + message.payload().length + " bytes, content_type " + contentType + ") as " + type.getTypeName()
                    + " with " + converter.getClass().getName() + ": " + e, e);
        }
        if (value == null) {
            throw new MessageConversionException("Cannot read the payload of message " + message.uuid()
                    + ": " + converter.getClass().getName() + " returned null for " + type.getTypeName(), null);
        }
        return value;
    }

    <T> T fromMessage(Message message, Class<T> type) {
        @SuppressWarnings("unchecked")
        T value = (T) fromMessage(message, (Type) type);
        return value;
    }

    private @Nullable KincirMessageConverter converter(@Nullable MimeType contentType, Class<?> type) {
        for (KincirMessageConverter converter : converters) {
            if (converter.supports(contentType, type)) {
                return converter;
            }
        }
        return null;
    }

    /**
     * @return the message's {@code content_type}, or null when it has none
     * @throws MessageConversionException if it is not a media type
     */
    static @Nullable MimeType contentType(Message message) {
        String value = message.metadata().get(MetadataKeys.CONTENT_TYPE);
        return value == null ? null : parse(value, "Cannot read the payload of message " + message.uuid());
    }

    private static MimeType parse(String value, String action) {
        try {
            return MimeTypeUtils.parseMimeType(value);
        } catch (InvalidMimeTypeException e) {
            throw new MessageConversionException(action + ": its content_type '" + value
                    + "' is not a media type such as application/json (" + e.getMessage() + ")", null);
        }
    }
}

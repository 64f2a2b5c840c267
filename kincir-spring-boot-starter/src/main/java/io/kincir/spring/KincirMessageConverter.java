package io.kincir.spring;

import io.kincir.Message;
import java.lang.reflect.Type;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MimeType;

/**
 * Converts payloads of some content types, such as Protobuf or Avro: a bean of this type is used by
 * {@link KincirListener} methods to read payloads and by {@link KincirTemplate} to write them.
 *
 * <p>The converter is chosen by the message's {@code content_type} metadata
 * ({@link io.kincir.MetadataKeys#CONTENT_TYPE}) and the Java type: the application's converters are
 * asked first, in their {@code @Order}, then the built-in ones, which read and write {@code byte[]} as
 * it is, {@code String} as text (in the content type's charset, UTF-8 by default), and any other type
 * as JSON through the context's Jackson mapper when the content type is JSON or not set. A converter
 * bean for a content type therefore takes precedence over the built-in ones for it.
 *
 * <p>A message whose content type no converter reads into a listener's parameter type goes to the
 * dead-letter topic without retries, with an {@code _error} that names the content type. Implementations
 * are thread-safe.
 */
public interface KincirMessageConverter {

    /**
     * @param contentType the message's content type; null when it has none, or, when sending, when the
     *     caller asked for none
     * @param type the parameter's type when reading, the payload's class when writing
     * @return whether this converter reads payloads of this content type as {@code type}, and writes
     *     values of {@code type} as this content type
     */
    boolean supports(@Nullable MimeType contentType, Class<?> type);

    /**
     * @param message the message, with its metadata (a schema id, for instance)
     * @param targetType the parameter's type, with its type arguments
     * @return the payload as {@code targetType}, never null
     * @throws io.kincir.MessageConversionException if the payload cannot be read; the message is then
     *     dead-lettered without retries, with this exception's message in {@code _error}. Other runtime
     *     exceptions are treated the same way
     */
    Object fromMessage(Message message, Type targetType);

    /**
     * @param payload the value to send
     * @param contentType the content type the caller asked for, or null for this converter's own
     * @return a message with the payload written and {@code content_type} set; the caller adds its metadata
     * @throws io.kincir.MessageConversionException if the value cannot be written
     */
    Message toMessage(Object payload, @Nullable MimeType contentType);
}

package io.kincir.spring;

import io.kincir.Message;
import io.kincir.MetadataKeys;
import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MimeType;

/**
 * The built-in converter of {@code String}: the payload as text in the content type's charset, UTF-8
 * when it names none. It reads any content type, so that a listener may take JSON or XML as text and
 * parse it itself; an application's converter for a content type comes first.
 */
final class TextMessageConverter implements KincirMessageConverter {

    @Override
    public boolean supports(@Nullable MimeType contentType, Class<?> type) {
        return type == String.class;
    }

    @Override
    public Object fromMessage(Message message, Type targetType) {
        Charset charset = charset(PayloadConverter.contentType(message));
        return charset.equals(StandardCharsets.UTF_8) ? message.payloadAsString()
                : new String(message.payload(), charset);
    }

    @Override
    public Message toMessage(Object payload, @Nullable MimeType contentType) {
        if (contentType == null) {
            return Message.of((String) payload);
        }
        return Message.of(((String) payload).getBytes(charset(contentType)))
                .withMetadata(MetadataKeys.CONTENT_TYPE, contentType.toString());
    }

    private static Charset charset(@Nullable MimeType contentType) {
        return contentType == null || contentType.getCharset() == null ? StandardCharsets.UTF_8
                : contentType.getCharset();
    }
}

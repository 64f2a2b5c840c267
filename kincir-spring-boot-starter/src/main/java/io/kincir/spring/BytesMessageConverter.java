package io.kincir.spring;

import io.kincir.Message;
import io.kincir.MetadataKeys;
import java.lang.reflect.Type;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MimeType;

/** The built-in converter of {@code byte[]}: the payload as it is, whatever its content type. */
final class BytesMessageConverter implements KincirMessageConverter {

    @Override
    public boolean supports(@Nullable MimeType contentType, Class<?> type) {
        return type == byte[].class;
    }

    @Override
    public Object fromMessage(Message message, Type targetType) {
        return message.payload();
    }

    @Override
    public Message toMessage(Object payload, @Nullable MimeType contentType) {
        Message message = Message.of((byte[]) payload);
        return contentType == null ? message : message.withMetadata(MetadataKeys.CONTENT_TYPE, contentType.toString());
    }
}

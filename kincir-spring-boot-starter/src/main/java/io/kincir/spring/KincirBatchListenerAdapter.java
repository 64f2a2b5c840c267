package io.kincir.spring;

import io.kincir.Message;
import io.kincir.listener.BatchHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.List;
import org.springframework.util.ReflectionUtils;

/**
 * Turns a batch of messages into a call of a batch listener method: {@link #convert} reads each payload
 * as the single-message listeners do, and {@link #handle} passes the list.
 */
final class KincirBatchListenerAdapter implements BatchHandler<Object> {

    private final KincirListenerEndpoint endpoint;
    private final Method method;
    private final PayloadConverter converter;
    private final Type element;

    KincirBatchListenerAdapter(KincirListenerEndpoint endpoint, PayloadConverter converter) {
        this.endpoint = endpoint;
        this.method = endpoint.method().invocable();
        this.converter = converter;
        this.element = endpoint.batchElement();
        ReflectionUtils.makeAccessible(method);
    }

    /**
     * @return the message as the method's {@code List} holds it
     * @throws io.kincir.MessageConversionException if the payload cannot be read as that type
     */
    Object convert(Message message) {
        return converter.fromMessage(message, element);
    }

    @Override
    public void handle(List<Object> batch) throws Exception {
        KincirListenerAdapter.invoke(method, endpoint.bean(), batch);
    }
}

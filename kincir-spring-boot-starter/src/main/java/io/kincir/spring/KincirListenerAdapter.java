package io.kincir.spring;

import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.Publisher;
import io.kincir.listener.MessageHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.ReflectionUtils;

/**
 * Turns a message into a call of a listener method, and publishes what the method returns: to the
 * message's {@code reply_to} with its {@code correlation_id}, else to the {@code @SendTo} topic.
 */
final class KincirListenerAdapter implements MessageHandler {

    private static final Logger LOG = LoggerFactory.getLogger(KincirListenerAdapter.class);

    private final KincirListenerEndpoint endpoint;
    private final Method method;
    private final ArgumentResolver[] resolvers;
    private final PayloadConverter converter;
    private final Publisher publisher;
    private final AtomicBoolean warnedOfNowhereToReply = new AtomicBoolean();

    KincirListenerAdapter(KincirListenerEndpoint endpoint, PayloadConverter converter, Publisher publisher) {
        this.endpoint = endpoint;
        this.method = endpoint.method().invocable();
        this.resolvers = endpoint.method().resolvers(converter);
        this.converter = converter;
        this.publisher = publisher;
        ReflectionUtils.makeAccessible(method);
    }

    @Override
    public void handle(Message message) throws Exception {
        Object[] arguments = new Object[resolvers.length];
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = resolvers[i].resolve(message);
        }
        Object result;
        try {
            result = method.invoke(endpoint.bean(), arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
        if (result != null && endpoint.method().returnsValue()) {
            reply(message, result);
        }
    }

    private void reply(Message request, Object result) {
        String destination = request.metadata(MetadataKeys.REPLY_TO).orElse(endpoint.sendTo());
        if (destination == null) {
            if (warnedOfNowhereToReply.compareAndSet(false, true)) {
                LOG.warn("Listener '{}' returned a value for message {}, which has no reply_to, and the method has no "
                        + "@SendTo: the value is not published (logged once)", endpoint.id(), request.uuid());
            }
            return;
        }
        Map<String, String> metadata = request.metadata(MetadataKeys.CORRELATION_ID)
                .map(id -> Map.of(MetadataKeys.CORRELATION_ID, id)).orElse(Map.of());
        publisher.publish(destination, converter.toMessage(result, metadata));
    }
}

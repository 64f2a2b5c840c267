package io.kincir.spring;

import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.Publisher;
import io.kincir.listener.MessageHandler;
import io.kincir.listener.ResultNotPublishedException;
import io.kincir.listener.UnprocessableMessageException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.PatternMatchUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.validation.Validator;

/**
 * Turns a message into a call of a listener method, and publishes what the method returns: to the
 * message's {@code reply_to} with its {@code correlation_id}, else to the {@code @SendTo} topic.
 *
 * <p>A {@code reply_to} is the requester's word, so it is checked against the allowed reply topics
 * before the method runs: one that names any other topic (another service's input, a topic a broker
 * would create on first use) makes the message unprocessable, and the method is not called for it.
 * A reply that cannot be published is handed to the container as a {@link ResultNotPublishedException},
 * which publishes it again without calling the method again.
 */
final class KincirListenerAdapter implements MessageHandler {

    private static final Logger LOG = LoggerFactory.getLogger(KincirListenerAdapter.class);

    private final KincirListenerEndpoint endpoint;
    private final Method method;
    private final ArgumentResolver[] resolvers;
    private final PayloadConverter converter;
    private final Publisher publisher;
    private final String[] allowedReplyTopics;
    private final AtomicBoolean warnedOfNowhereToReply = new AtomicBoolean();

    KincirListenerAdapter(KincirListenerEndpoint endpoint, PayloadConverter converter, Publisher publisher,
            List<String> allowedReplyTopics, @Nullable Validator validator) {
        this.endpoint = endpoint;
        this.allowedReplyTopics = allowedReplyTopics.toArray(String[]::new);
        this.method = endpoint.method().invocable();
        this.resolvers = endpoint.method().resolvers(converter, validator);
        this.converter = converter;
        this.publisher = publisher;
        ReflectionUtils.makeAccessible(method);
    }

    @Override
    public void handle(Message message) throws Exception {
        String destination = endpoint.method().returnsValue() ? destination(message) : null;
        Object[] arguments = new Object[resolvers.length];
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = resolvers[i].resolve(message);
        }
        Object result = invoke(method, endpoint.bean(), arguments);
        if (result != null && endpoint.method().returnsValue()) {
            reply(message, destination, result);
        }
    }

    /** Calls a listener method, throwing what it throws as it is rather than wrapped. */
    static Object invoke(Method method, Object bean, Object... arguments) throws Exception {
        try {
            return method.invoke(bean, arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** @return where a return value goes: the request's allowed {@code reply_to}, else the {@code @SendTo} topic */
    private String destination(Message request) {
        String replyTo = request.metadata(MetadataKeys.REPLY_TO).orElse(null);
        if (replyTo == null) {
            return endpoint.sendTo();
        }
        if (!PatternMatchUtils.simpleMatch(allowedReplyTopics, replyTo)) {
            throw new UnprocessableMessageException("Listener '" + endpoint.id() + "' refused message "
                    + request.uuid() + ": its reply_to '" + replyTo + "' is not a reply topic. A listener replies "
                    + "only to topics that kincir.reply.allowed-topics allows " + Arrays.toString(allowedReplyTopics)
                    + ", so that a request cannot make it publish anywhere; if '" + replyTo + "' is a requester's "
                    + "reply topic, add it, or a pattern with *, to kincir.reply.allowed-topics");
        }
        return replyTo;
    }

    private void reply(Message request, String destination, Object result) {
        if (destination == null) {
            if (warnedOfNowhereToReply.compareAndSet(false, true)) {
                LOG.warn("Listener '{}' returned a value for message {}, which has no reply_to, and the method has no "
                        + "@SendTo: the value is not published (logged once)", endpoint.id(), request.uuid());
            }
            return;
        }
        Map<String, String> metadata = request.metadata(MetadataKeys.CORRELATION_ID)
                .map(id -> Map.of(MetadataKeys.CORRELATION_ID, id)).orElse(Map.of());
        Message reply = converter.toMessage(result, metadata);
        Runnable publish = () -> publisher.publish(destination, reply);
        try {
            publish.run();
        } catch (RuntimeException e) {
            throw new ResultNotPublishedException("the reply to message " + request.uuid() + " to topic '"
                    + destination + "'", publish, e);
        }
    }
}

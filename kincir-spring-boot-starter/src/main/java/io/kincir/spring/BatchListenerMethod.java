package io.kincir.spring;

import io.kincir.Message;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;

/**
 * Whether a listener method takes its messages in batches, and what its {@code List} holds, checked
 * when the application starts.
 */
final class BatchListenerMethod {

    static final String ALLOWED_SIGNATURES = """
            A batch @KincirListener method, one that sets batchSize or batchTimeout or takes List<Message>, \
            is not private, returns void and takes one parameter, a List of:
              - byte[], String (UTF-8) or any other type (read as JSON): the payloads
              - io.kincir.Message: the whole messages, with their uuid and metadata
            For example:
              @KincirListener(topics = "orders", batchSize = "50") void onOrders(List<Order> orders)
              @KincirListener(topics = "orders") void onOrders(List<Message> messages)""";

    private BatchListenerMethod() {
    }

    /**
     * @return whether the listener takes batches: its annotation sets {@code batchSize} or
     *     {@code batchTimeout}, or the method takes {@code List<Message>}; a {@code List} of anything else
     *     without them is one message's JSON array
     */
    static boolean isBatch(KincirListener listener, Method method) {
        return !listener.batchSize().isEmpty() || !listener.batchTimeout().isEmpty()
                || Arrays.stream(method.getGenericParameterTypes()).anyMatch(type -> elementOf(type) == Message.class);
    }

    /**
     * @param method a batch listener's method
     * @return what its {@code List} parameter holds
     * @throws InvalidKincirListenerException if the method is not a batch listener's; the message lists what is
     */
    static Type elementType(Method method) {
        if (method.getParameterCount() != 1) {
            throw invalid(method, "it takes " + method.getParameterCount() + " parameters, not one List");
        }
        Type element = elementOf(method.getGenericParameterTypes()[0]);
        if (element == null) {
            throw invalid(method, "its parameter is a " + method.getGenericParameterTypes()[0].getTypeName()
                    + ", not a List of payloads or messages");
        }
        if (method.getReturnType() != void.class) {
            throw invalid(method, "it returns " + method.getReturnType().getSimpleName() + ", and a batch has no "
                    + "one message to reply to");
        }
        if (method.isAnnotationPresent(SendTo.class)) {
            throw invalid(method, "it has @SendTo, and a batch listener returns nothing to send");
        }
        return element;
    }

    private static Type elementOf(Type type) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class) {
            return parameterized.getActualTypeArguments()[0];
        }
        return null;
    }

    private static InvalidKincirListenerException invalid(Method method, String problem) {
        return new InvalidKincirListenerException("@KincirListener method " + ListenerMethod.describe(method)
                + " cannot be a batch listener: " + problem + ".", ALLOWED_SIGNATURES);
    }
}

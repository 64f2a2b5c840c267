package io.kincir.spring;

import io.kincir.Message;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Headers;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.validation.Validator;

/**
 * A listener method's signature, checked when the application starts: what each parameter is bound
 * to, and whether the method returns a value to publish.
 */
final class ListenerMethod {

    static final String ALLOWED_SIGNATURES = """
            A @KincirListener method is not private and takes, in any order:
              - at most one payload parameter, unannotated or @Payload: byte[], String (text), or any other type
                (read by the converter for the message's content_type: JSON when it has none), checked
                by Bean Validation when annotated @Valid or @Validated
              - io.kincir.Message: the whole message, with its uuid and metadata
              - @Metadata("key") String: one metadata value, null when the message has none
              - @Header("key") of a simple type (String, Integer, an enum, …): one metadata value, converted;
                required unless required = false or a defaultValue is given
              - Map<String, String>, or @Headers Map<String, String>: all metadata
            It returns void, or a value to publish to the message's reply_to topic, else to its @SendTo topic.
            For example:
              void onOrder(Order order)
              void onOrder(String text, @Metadata("customer") String customer)
              Receipt onOrder(Order order, Message message, Map<String, String> metadata)""";

    private enum Kind { PAYLOAD, MESSAGE, METADATA_VALUE, METADATA_MAP, HEADER }

    private record Binding(Kind kind, String key, Type type, @Nullable PayloadParameter payload,
            @Nullable HeaderParameter header) {

        Binding(Kind kind, String key, Type type) {
            this(kind, key, type, null, null);
        }
    }

    private final Method method;
    private final Method invocable;
    private final List<Binding> bindings;

    private ListenerMethod(Method method, Method invocable, List<Binding> bindings) {
        this.method = method;
        this.invocable = invocable;
        this.bindings = List.copyOf(bindings);
    }

    /**
     * @param method the annotated method
     * @return its signature
     * @throws InvalidKincirListenerException if a parameter cannot be bound; the message lists what can
     */
    static ListenerMethod inspect(Method method) {
        if (Modifier.isPrivate(method.getModifiers())) {
            throw invalid(method, "it is private, so it cannot be called through a proxy");
        }
        List<Binding> bindings = new ArrayList<>();
        Parameter payload = null;
        Parameter[] parameters = method.getParameters();
        Type[] types = method.getGenericParameterTypes();
        for (int i = 0; i < parameters.length; i++) {
            Parameter parameter = parameters[i];
            Metadata metadata = parameter.getAnnotation(Metadata.class);
            Header header = AnnotatedElementUtils.findMergedAnnotation(parameter, Header.class);
            Headers headers = parameter.getAnnotation(Headers.class);
            Payload payloadAnnotation = AnnotatedElementUtils.findMergedAnnotation(parameter, Payload.class);
            if (Stream.of(metadata, header, headers, payloadAnnotation).filter(found -> found != null).count() > 1) {
                throw invalid(method, describe(parameter, i) + " has more than one of @Metadata, @Header, @Headers "
                        + "and @Payload; each parameter is bound to one thing");
            }
            if (metadata != null) {
                if (parameter.getType() != String.class) {
                    throw invalid(method, describe(parameter, i) + " is annotated @Metadata but is not a String");
                }
                if (metadata.value().isBlank()) {
                    throw invalid(method, describe(parameter, i) + " has an empty @Metadata key");
                }
                bindings.add(new Binding(Kind.METADATA_VALUE, metadata.value(), types[i]));
            } else if (header != null) {
                bindings.add(new Binding(Kind.HEADER, null, types[i], null, HeaderParameter.of(method, i, parameter,
                        header, describe(parameter, i), problem -> invalid(method, problem))));
            } else if (headers != null) {
                if (!isMetadataMap(types[i])) {
                    throw invalid(method, describe(parameter, i) + " is annotated @Headers but is not a "
                            + "Map<String, String>");
                }
                bindings.add(new Binding(Kind.METADATA_MAP, null, types[i]));
            } else if (payloadAnnotation == null && parameter.getType() == Message.class) {
                bindings.add(new Binding(Kind.MESSAGE, null, types[i]));
            } else if (payloadAnnotation == null && isMetadataMap(types[i])) {
                bindings.add(new Binding(Kind.METADATA_MAP, null, types[i]));
            } else {
                if (payload != null) {
                    throw invalid(method, describe(parameter, i) + " would be a second payload parameter, after "
                            + payload.getType().getSimpleName() + " " + payload.getName());
                }
                payload = parameter;
                int index = i;
                bindings.add(new Binding(Kind.PAYLOAD, null, types[i], PayloadParameter.of(method, parameter, types[i],
                        payloadAnnotation, problem -> invalid(method, describe(parameter, index) + " " + problem)),
                        null));
            }
        }
        return new ListenerMethod(method, method, bindings);
    }

    private static boolean isMetadataMap(Type type) {
        if (type == Map.class) {
            return true;
        }
        return type instanceof ParameterizedType parameterized && parameterized.getRawType() == Map.class
                && parameterized.getActualTypeArguments()[0] == String.class
                && parameterized.getActualTypeArguments()[1] == String.class;
    }

    /**
     * @param converter converts the payload
     * @param validator validates a payload annotated {@code @Valid}; null when the application has none
     * @return one resolver per parameter
     * @throws InvalidKincirListenerException if the payload is to be validated and there is no validator
     */
    ArgumentResolver[] resolvers(PayloadConverter converter, @Nullable Validator validator) {
        ArgumentResolver[] resolvers = new ArgumentResolver[bindings.size()];
        for (int i = 0; i < resolvers.length; i++) {
            Binding binding = bindings.get(i);
            resolvers[i] = switch (binding.kind) {
                case MESSAGE -> message -> message;
                case METADATA_MAP -> Message::metadata;
                case METADATA_VALUE -> message -> message.metadata().get(binding.key);
                case HEADER -> binding.header.resolver();
                case PAYLOAD -> binding.payload.resolver(converter, validator);
            };
        }
        return resolvers;
    }

    /** @return whether the method returns a value to publish */
    boolean returnsValue() {
        return method.getReturnType() != void.class && method.getReturnType() != Void.class;
    }

    /**
     * @param proxied the method to call on the bean, which may be a proxy of the class that declares it
     * @return this signature, called through {@code proxied}
     */
    ListenerMethod invokedThrough(Method proxied) {
        return new ListenerMethod(method, proxied, bindings);
    }

    /** @return the annotated method */
    Method method() {
        return method;
    }

    /** @return the method to call on the bean */
    Method invocable() {
        return invocable;
    }

    /** @return the method as {@code Class.method(Type, Type)}, for messages */
    static String describe(Method method) {
        StringBuilder text = new StringBuilder(method.getDeclaringClass().getName()).append('.')
                .append(method.getName()).append('(');
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            text.append(i == 0 ? "" : ", ").append(types[i].getSimpleName());
        }
        return text.append(')').toString();
    }

    private static String describe(Parameter parameter, int index) {
        return "parameter " + (index + 1) + " (" + parameter.getParameterizedType().getTypeName() + " "
                + parameter.getName() + ")";
    }

    private static InvalidKincirListenerException invalid(Method method, String problem) {
        return new InvalidKincirListenerException("@KincirListener method " + describe(method) + " cannot be used: "
                + problem + ".", ALLOWED_SIGNATURES);
    }
}

package io.kincir.listener;

/**
 * Wraps a listener's handler for one of its topics, as a Watermill middleware wraps a handler: the
 * Spring Boot starter observes every attempt through it (a tracing span, a timer) without this module
 * depending on an observation library. The handler it returns runs once per attempt, inside the
 * container's retries, and gets the message with its {@code _attempt}; what it throws fails the attempt.
 */
@FunctionalInterface
public interface HandlerDecorator {

    /**
     * Called once per topic each time the container starts.
     *
     * @param topic the listener, the topic and the group whose messages the handler gets
     * @param handler the handler so far
     * @return the handler to run instead, usually one that calls {@code handler}
     */
    MessageHandler decorate(ListenerTopic topic, MessageHandler handler);
}

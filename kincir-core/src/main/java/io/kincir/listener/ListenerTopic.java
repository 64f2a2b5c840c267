package io.kincir.listener;

/**
 * One topic of a listener, as {@link ListenerObserver} events name it.
 *
 * @param listenerId the listener's id
 * @param topic the topic
 * @param group the subscriber group the listener consumes in
 */
public record ListenerTopic(String listenerId, String topic, String group) {
}

package io.kincir;

/**
 * The backend did not accept every message of a publish (a negative confirm, a returned message, a
 * timeout, a record too large…). The message names the topic and the cause.
 */
public class PublishException extends KincirException {

    private static final long serialVersionUID = 1L;

    private final String topic;

    /**
     * @param topic the topic
     * @param message what happened and what to do
     * @param cause the client's failure, may be null
     */
    public PublishException(String topic, String message, Throwable cause) {
        super(message, cause);
        this.topic = topic;
    }

    /** @return the topic of the failed publish */
    public String topic() {
        return topic;
    }
}

package io.kincir.spring;

import io.kincir.KincirException;
import java.time.Duration;

/** {@link KincirTemplate#sendAndReceive} got no reply in time. */
public class ReplyTimeoutException extends KincirException {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final Duration timeout;

    /**
     * @param topic where the request went
     * @param timeout how long the caller waited
     * @param message what happened and what to check
     */
    public ReplyTimeoutException(String topic, Duration timeout, String message) {
        super(message);
        this.topic = topic;
        this.timeout = timeout;
    }

    /** @return the topic the request was published to */
    public String topic() {
        return topic;
    }

    /** @return how long the caller waited */
    public Duration timeout() {
        return timeout;
    }
}

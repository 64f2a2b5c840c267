package io.kincir;

/** A subscription was refused because the topic already has as many subscribers as it allows. */
public class MaxSubscribersReachedException extends KincirException {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final int limit;

    /**
     * @param topic the topic
     * @param limit the subscriber limit
     * @param message what happened and what to do
     */
    public MaxSubscribersReachedException(String topic, int limit, String message) {
        super(message);
        this.topic = topic;
        this.limit = limit;
    }

    /** @return the topic */
    public String topic() {
        return topic;
    }

    /** @return the subscriber limit that was reached */
    public int limit() {
        return limit;
    }
}

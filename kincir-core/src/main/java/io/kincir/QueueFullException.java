package io.kincir;

/** A publish was refused because a group's queue on the topic had no room; none of the batch was published. */
public class QueueFullException extends KincirException {

    private static final long serialVersionUID = 1L;

    private final String topic;

    /**
     * @param topic the topic
     * @param message what happened and what to do
     */
    public QueueFullException(String topic, String message) {
        super(message);
        this.topic = topic;
    }

    /** @return the topic whose queue was full */
    public String topic() {
        return topic;
    }
}

package io.kincir;

/** A new topic was refused because the backend already holds as many topics as it allows. */
public class MaxTopicsReachedException extends KincirException {

    private static final long serialVersionUID = 1L;

    private final int limit;

    /**
     * @param limit the topic limit
     * @param message what happened and what to do
     */
    public MaxTopicsReachedException(int limit, String message) {
        super(message);
        this.limit = limit;
    }

    /** @return the topic limit that was reached */
    public int limit() {
        return limit;
    }
}

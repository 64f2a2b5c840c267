package io.kincir;

/**
 * A message asked for something its backend cannot do ({@code _delay} on Kafka, {@code _priority} where
 * the broker has no priorities…), so the publish was refused before anything of the batch was sent: a
 * backend never delivers such a message as if the key were not there. The message names the key and
 * the backends that honour it.
 */
public class UnsupportedFeatureException extends KincirException {

    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * @param key the metadata key the backend cannot honour
     * @param message what happened and what to do
     */
    public UnsupportedFeatureException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** @return the metadata key the backend cannot honour, such as {@link MetadataKeys#DELAY} */
    public String key() {
        return key;
    }
}

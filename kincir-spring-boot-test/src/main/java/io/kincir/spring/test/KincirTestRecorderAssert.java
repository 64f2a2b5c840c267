package io.kincir.spring.test;

import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on a {@link KincirTestRecorder}, from {@code Assertions.assertThat(recorder)}:
 *
 * <pre>{@code
 * assertThat(recorder).published("orders").hasSize(1).first()
 *         .hasPayload(new Order("42", 10)).hasMetadata("tenant", "acme");
 * }</pre>
 */
public final class KincirTestRecorderAssert extends AbstractAssert<KincirTestRecorderAssert, KincirTestRecorder> {

    KincirTestRecorderAssert(KincirTestRecorder recorder) {
        super(recorder, KincirTestRecorderAssert.class);
    }

    /**
     * @param topic a topic
     * @return assertions on the messages published to it so far, oldest first; {@code first()},
     *     {@code last()} and {@code element(i)} give assertions on one message
     */
    public PublishedMessagesAssert published(String topic) {
        isNotNull();
        return new PublishedMessagesAssert(actual.messages(topic), actual).as("messages published to '%s'", topic);
    }

    /**
     * @param topic a topic
     * @return these assertions, if nothing was published to it
     */
    public KincirTestRecorderAssert hasNotPublishedTo(String topic) {
        isNotNull();
        if (!actual.messages(topic).isEmpty()) {
            failWithMessage("Expected nothing published to topic '%s' but found %s", topic, actual.messages(topic));
        }
        return this;
    }
}

package io.kincir.spring.test;

import io.kincir.Message;
import java.util.Arrays;
import java.util.Objects;
import org.assertj.core.api.AbstractObjectAssert;

/** AssertJ assertions on one published {@link Message}. */
public final class MessageAssert extends AbstractObjectAssert<MessageAssert, Message> {

    private final KincirTestRecorder recorder;

    MessageAssert(Message message, KincirTestRecorder recorder) {
        super(message, MessageAssert.class);
        this.recorder = recorder;
    }

    /**
     * @param expected a {@code String} (the payload as UTF-8), a {@code byte[]}, or any other value, to
     *     which the payload read as JSON of its class must be equal
     * @return these assertions, if the payload is the expected one
     */
    public MessageAssert hasPayload(Object expected) {
        isNotNull();
        Objects.requireNonNull(expected, "expected");
        if (expected instanceof byte[] bytes) {
            if (!Arrays.equals(actual.payload(), bytes)) {
                failWithMessage("Expected message %s to have a payload of %s bytes equal to the expected ones but it "
                        + "has %s bytes: %s", actual.uuid(), bytes.length, actual.payload().length, actual.payloadAsString());
            }
            return this;
        }
        Object payload = recorder.payload(actual, expected.getClass());
        if (!payload.equals(expected)) {
            failWithMessage("Expected message %s to have the payload%n  %s%nbut it has%n  %s", actual.uuid(), expected,
                    payload);
        }
        return this;
    }

    /**
     * @param key a metadata key
     * @param value its expected value
     * @return these assertions, if the message has the metadata
     */
    public MessageAssert hasMetadata(String key, String value) {
        isNotNull();
        if (!value.equals(actual.metadata().get(key))) {
            failWithMessage("Expected message %s to have metadata %s=%s but its metadata is %s", actual.uuid(), key,
                    value, actual.metadata());
        }
        return this;
    }

    /**
     * @param key a metadata key
     * @return these assertions, if the message has no metadata of that key
     */
    public MessageAssert doesNotHaveMetadata(String key) {
        isNotNull();
        if (actual.metadata().containsKey(key)) {
            failWithMessage("Expected message %s to have no metadata %s but it has %s=%s", actual.uuid(), key, key,
                    actual.metadata().get(key));
        }
        return this;
    }
}

package io.kincir.spring.test;

import io.kincir.Message;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.FactoryBasedNavigableListAssert;
import org.assertj.core.api.ListAssert;

/** AssertJ assertions on the messages published to one topic; each one's assertions are a {@link MessageAssert}. */
public final class PublishedMessagesAssert
        extends FactoryBasedNavigableListAssert<PublishedMessagesAssert, List<Message>, Message, MessageAssert> {

    private final KincirTestRecorder recorder;

    PublishedMessagesAssert(List<Message> messages, KincirTestRecorder recorder) {
        super(messages, PublishedMessagesAssert.class, message -> new MessageAssert(message, recorder));
        this.recorder = recorder;
    }

    /**
     * @param type {@code byte[]}, {@code String}, or a type read from JSON
     * @param <T> the payload type
     * @return assertions on the messages' payloads, read as the type
     */
    public <T> ListAssert<T> payloads(Class<T> type) {
        return Assertions.assertThat(actual.stream().map(message -> recorder.payload(message, type)).toList());
    }
}

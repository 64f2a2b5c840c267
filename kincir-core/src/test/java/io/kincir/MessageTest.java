package io.kincir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageTest {

    @Test
    void ofTextEncodesUtf8AndGetsARandomVersion4Uuid() {
        Message message = Message.of("Grüße");

        assertThat(message.payload()).isEqualTo("Grüße".getBytes(StandardCharsets.UTF_8));
        assertThat(message.payloadAsString()).isEqualTo("Grüße");
        assertThat(UUID.fromString(message.uuid()).version()).isEqualTo(4);
        assertThat(UUID.fromString(message.uuid()).variant()).isEqualTo(2);
        assertThat(Message.of("Grüße").uuid()).isNotEqualTo(message.uuid());
        assertThat(message.metadata()).isEmpty();
    }

    @Test
    void thePayloadIsSharedNotCopied() {
        byte[] payload = {1, 2, 3};

        assertThat(Message.of(payload).payload()).isSameAs(payload);
    }

    @Test
    void withMetadataReturnsANewMessageWithTheSameUuidAndPayload() {
        Message original = Message.of("x");
        Message tagged = original.withMetadata("customer", "Alice").withMetadata("priority", "high");

        assertThat(original.metadata()).isEmpty();
        assertThat(tagged.uuid()).isEqualTo(original.uuid());
        assertThat(tagged.payload()).isSameAs(original.payload());
        assertThat(tagged.metadata()).containsExactlyInAnyOrderEntriesOf(Map.of("customer", "Alice", "priority", "high"));
        assertThat(tagged.metadata("customer")).contains("Alice");
        assertThat(tagged.metadata("missing")).isEmpty();
        assertThat(tagged.withMetadata("customer", "Bob").metadata("customer")).contains("Bob");
        assertThat(tagged.withoutMetadata("customer").metadata()).containsOnlyKeys("priority");
        assertThat(tagged.withMetadata(Map.of("a", "1")).metadata()).containsKeys("a", "customer", "priority");
    }

    @Test
    void aKeyAddedToMetadataBehavesAsAnyEntryOfIt() {
        Message received = Message.of("id", new byte[] {1}, Map.of("customer", "Alice", "_sequence", "7"));
        Message attempt = received.withMetadata("_attempt", "1");
        Map<String, String> expected = Map.of("customer", "Alice", "_sequence", "7", "_attempt", "1");

        assertThat(received.metadata()).hasSize(2).doesNotContainKey("_attempt");
        assertThat(attempt.metadata()).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(attempt).isEqualTo(Message.of("id", new byte[] {1}, expected))
                .hasSameHashCodeAs(Message.of("id", new byte[] {1}, expected))
                .isNotEqualTo(received);
        assertThat(attempt.metadata("_attempt")).contains("1");
        assertThat(attempt.toString()).contains("customer=Alice", "_sequence=7", "_attempt=1");
        assertThatThrownBy(() -> attempt.metadata().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> attempt.metadata().remove("_attempt")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void keysAddedOneAfterAnotherAllStayAndTheLastValueOfAKeyWins() {
        Message message = Message.of("id", new byte[0], Map.of("a", "1"))
                .withMetadata("b", "2").withMetadata("c", "3").withMetadata("b", "20").withMetadata("a", "10");

        assertThat(message.metadata()).isEqualTo(Map.of("a", "10", "b", "20", "c", "3"));
        assertThat(message.withoutMetadata("c").metadata()).isEqualTo(Map.of("a", "10", "b", "20"));
        assertThat(message.withMetadata(Map.of("d", "4")).metadata()).isEqualTo(Map.of("a", "10", "b", "20", "c", "3", "d", "4"));
    }

    @Test
    void metadataIsCopiedAndUnmodifiable() {
        Map<String, String> given = new HashMap<>(Map.of("k", "v"));
        Message message = Message.of("id-1", new byte[0], given);
        given.put("k", "changed");

        assertThat(message.metadata()).containsEntry("k", "v");
        assertThatThrownBy(() -> message.metadata().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsNullsAndBlankUuids() {
        assertThatNullPointerException().isThrownBy(() -> Message.of((byte[]) null));
        assertThatNullPointerException().isThrownBy(() -> Message.of("x").withMetadata("k", null))
                .withMessageContaining("'k'");
        assertThatIllegalArgumentException().isThrownBy(() -> Message.of(" ", new byte[0], Map.of()));
    }

    @Test
    void equalityIsByUuidPayloadContentAndMetadata() {
        Message a = Message.of("id", new byte[] {1}, Map.of("k", "v"));

        assertThat(a).isEqualTo(Message.of("id", new byte[] {1}, Map.of("k", "v")))
                .hasSameHashCodeAs(Message.of("id", new byte[] {1}, Map.of("k", "v")))
                .isNotEqualTo(Message.of("id", new byte[] {2}, Map.of("k", "v")))
                .isNotEqualTo(Message.of("other", new byte[] {1}, Map.of("k", "v")));
        assertThat(a.toString()).contains("id", "1 bytes");
    }
}

package io.kincir.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.MetadataKeys;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForeignMetadataTest {

    @Test
    void simpleValuesReadAsTextAndOthersAreNotMetadata() {
        assertThat(ForeignMetadata.text(42)).isEqualTo("42");
        assertThat(ForeignMetadata.text(9_000_000_000L)).isEqualTo("9000000000");
        assertThat(ForeignMetadata.text(true)).isEqualTo("true");
        assertThat(ForeignMetadata.text(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(ForeignMetadata.text("Grüße".getBytes(StandardCharsets.UTF_8))).isEqualTo("Grüße");
        assertThat(ForeignMetadata.text(new Date(0))).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(ForeignMetadata.text(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(ForeignMetadata.text(null)).isEmpty();
        assertThat(ForeignMetadata.text(List.of("a"))).isNull();
        assertThat(ForeignMetadata.text(Map.of("k", "v"))).isNull();
    }

    @Test
    void conventionalNamesBecomeKincirsKeysAndKincirsOwnKeyWins() {
        Map<String, String> metadata = new ForeignMetadata()
                .header("Content-Type", "text/plain")
                .header("correlationId", "c-1")
                .header("correlation_id", "c-kincir")
                .header("n", 1)
                .metadata();

        assertThat(metadata).containsOnly(Map.entry(MetadataKeys.CONTENT_TYPE, "text/plain"),
                Map.entry(MetadataKeys.CORRELATION_ID, "c-kincir"), Map.entry("n", "1"));
    }

    @Test
    void aMessageIdHeaderIsTheIdNotAnEntry() {
        ForeignMetadata foreign = new ForeignMetadata().header("Message-Id", "m-1").header("list", List.of());

        assertThat(foreign.messageId()).isEqualTo("m-1");
        assertThat(foreign.metadata()).isEmpty();
    }

    @Test
    void aPropertyFillsAKeyNoHeaderSet() {
        Map<String, String> metadata = new ForeignMetadata()
                .verbatim(MetadataKeys.CONTENT_TYPE, "application/json")
                .verbatim("Content-Type", "kept as it is")
                .property(MetadataKeys.CONTENT_TYPE, "text/plain")
                .property(MetadataKeys.CORRELATION_ID, "c-2")
                .property(MetadataKeys.REPLY_TO, null)
                .metadata();

        assertThat(metadata).containsOnly(Map.entry(MetadataKeys.CONTENT_TYPE, "application/json"),
                Map.entry("Content-Type", "kept as it is"), Map.entry(MetadataKeys.CORRELATION_ID, "c-2"));
    }

    @Test
    void theUuidIsTheFirstIdGivenElseARandomOne() {
        assertThat(ForeignMetadata.uuid(null, " ", "orders-0@5")).isEqualTo("orders-0@5");
        assertThat(ForeignMetadata.uuid(null, null)).hasSize(36).isNotEqualTo(ForeignMetadata.uuid());
    }
}

package io.kincir.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kincir.Message;
import io.kincir.MessageConversionException;
import io.kincir.MetadataKeys;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.MimeType;
import tools.jackson.databind.json.JsonMapper;

/** The choice of converter by content type and Java type, without a backend. */
class PayloadConverterTests {

    /** Reads and writes {@code text/csv} strings in upper case: an application's converter. */
    static class ShoutingCsv implements KincirMessageConverter {

        @Override
        public boolean supports(MimeType contentType, Class<?> type) {
            return contentType != null && contentType.getSubtype().equals("csv") && type == String.class;
        }

        @Override
        public Object fromMessage(Message message, Type targetType) {
            return message.payloadAsString().toUpperCase();
        }

        @Override
        public Message toMessage(Object payload, MimeType contentType) {
            return Message.of(((String) payload).toUpperCase()).withMetadata(MetadataKeys.CONTENT_TYPE, "text/csv");
        }
    }

    private final PayloadConverter builtIn = new PayloadConverter(JsonMapper.builder().build());
    private final PayloadConverter withCsv = new PayloadConverter(List.of(new ShoutingCsv()),
            JsonMapper.builder().build());

    record Order(String id, int quantity) {
    }

    @Test
    void anApplicationsConverterTakesPrecedenceForItsContentType() {
        Message csv = Message.of("a,b").withMetadata(MetadataKeys.CONTENT_TYPE, "text/csv");

        assertThat(builtIn.fromMessage(csv, String.class)).isEqualTo("a,b");
        assertThat(withCsv.fromMessage(csv, String.class)).isEqualTo("A,B");
        assertThat(withCsv.fromMessage(Message.of("a,b"), String.class)).as("other content types").isEqualTo("a,b");
        assertThat(withCsv.toMessage("a,b", Map.of(MetadataKeys.CONTENT_TYPE, "text/csv")).payloadAsString())
                .isEqualTo("A,B");
    }

    @Test
    void withoutContentTypeBytesAndTextGoAsTheyAreAndObjectsAsJson() {
        assertThat(builtIn.toMessage("héllo", Map.of()).metadata()).doesNotContainKey(MetadataKeys.CONTENT_TYPE);
        assertThat(builtIn.toMessage(new byte[] {1}, Map.of()).metadata()).doesNotContainKey(MetadataKeys.CONTENT_TYPE);
        Message json = builtIn.toMessage(new Order("1", 2), Map.of());
        assertThat(json.metadata()).containsEntry(MetadataKeys.CONTENT_TYPE, "application/json");
        assertThat(builtIn.fromMessage(json, Order.class)).isEqualTo(new Order("1", 2));
        assertThat(builtIn.fromMessage(Message.of("{\"id\":\"3\",\"quantity\":4}"), Order.class))
                .isEqualTo(new Order("3", 4));
    }

    @Test
    void textIsReadInTheCharsetOfItsContentType() {
        Message latin1 = Message.of("héllo".getBytes(StandardCharsets.ISO_8859_1))
                .withMetadata(MetadataKeys.CONTENT_TYPE, "text/plain;charset=ISO-8859-1");

        assertThat(builtIn.fromMessage(latin1, String.class)).isEqualTo("héllo");
        assertThat(builtIn.toMessage("héllo", Map.of(MetadataKeys.CONTENT_TYPE, "text/plain;charset=ISO-8859-1"))
                .payload()).isEqualTo("héllo".getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aJsonSubtypeIsReadAsJson() {
        Message message = Message.of("{\"id\":\"5\",\"quantity\":6}")
                .withMetadata(MetadataKeys.CONTENT_TYPE, "application/vnd.shop.order+json");

        assertThat(builtIn.fromMessage(message, Order.class)).isEqualTo(new Order("5", 6));
    }

    @Test
    void aContentTypeNoConverterReadsOrWritesIsNamedWithTheFix() {
        Message avro = Message.of(new byte[] {0, 2}).withMetadata(MetadataKeys.CONTENT_TYPE, "application/avro");

        assertThatThrownBy(() -> builtIn.fromMessage(avro, Order.class)).isInstanceOf(MessageConversionException.class)
                .hasMessageContaining("content_type application/avro").hasMessageContaining("KincirMessageConverter bean");
        assertThatThrownBy(() -> builtIn.toMessage(new Order("1", 1), Map.of(MetadataKeys.CONTENT_TYPE,
                "application/avro"))).isInstanceOf(MessageConversionException.class)
                .hasMessageContaining("as content_type application/avro: no converter writes it");
        assertThat(builtIn.fromMessage(avro, byte[].class)).as("bytes are bytes").isEqualTo(new byte[] {0, 2});
    }

    @Test
    void aContentTypeThatIsNotAMediaTypeIsAConversionFailure() {
        Message message = Message.of("{}").withMetadata(MetadataKeys.CONTENT_TYPE, "json please");

        assertThatThrownBy(() -> builtIn.fromMessage(message, Order.class))
                .isInstanceOf(MessageConversionException.class).hasMessageContaining("'json please' is not a media type");
    }

    @Test
    void aConverterThatFailsOtherwiseIsAConversionFailureNamingIt() {
        KincirMessageConverter broken = new ShoutingCsv() {
            @Override
            public Object fromMessage(Message message, Type targetType) {
                throw new IllegalStateException("schema registry unreachable");
            }
        };
        PayloadConverter converter = new PayloadConverter(List.of(broken), JsonMapper.builder().build());

        assertThatThrownBy(() -> converter.fromMessage(Message.of("a").withMetadata(MetadataKeys.CONTENT_TYPE,
                "text/csv"), String.class)).isInstanceOf(MessageConversionException.class)
                .hasMessageContaining("schema registry unreachable");
    }
}

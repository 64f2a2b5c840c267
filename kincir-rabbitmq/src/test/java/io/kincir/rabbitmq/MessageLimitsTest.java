package io.kincir.rabbitmq;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AMQP;
import io.kincir.Message;
import io.kincir.PublishException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The limits are AMQP's, counted in UTF-8 bytes, and the frame limit is the client's own encoding. */
class MessageLimitsTest {

    @Test
    void aMessageIdOf255BytesPassesAndOneOverIsRefusedCountingBytesNotChars() {
        Message fits = Message.of("€".repeat(85), new byte[0], Map.of());
        Message over = Message.of("€".repeat(85) + "x", new byte[0], Map.of());

        assertThatCode(() -> check(fits, 0)).doesNotThrowAnyException();
        assertThatThrownBy(() -> check(over, 0)).isInstanceOf(PublishException.class)
                .hasMessageContaining("message id is 256 bytes");
    }

    @Test
    void headersThatExactlyFillTheFramePassAndOneByteMoreIsRefused() {
        Message message = Message.of("id", new byte[0], Map.of("_error", "e".repeat(3_000)));
        int size = frameSize(message);

        assertThatCode(() -> check(message, size)).doesNotThrowAnyException();
        assertThatThrownBy(() -> check(message, size - 1)).isInstanceOf(PublishException.class)
                .hasMessageContaining("take " + size + " bytes")
                .hasMessageContaining("frame_max of " + (size - 1));
    }

    private static void check(Message message, int frameMax) {
        AMQP.BasicProperties properties = MessageCodec.properties(message, true, 0);
        MessageLimits.check("orders", List.of(message), new AMQP.BasicProperties[] {properties}, frameMax);
    }

    private static int frameSize(Message message) {
        try {
            return MessageCodec.properties(message, true, 0).toFrame(0, 0).size();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}

package io.kincir.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.Message;
import io.kincir.Subscriber;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Empty, binary and 1 MiB payloads arrive byte for byte. */
public abstract class PayloadConformance extends BackendConformance {

    @Test
    void anEmptyPayloadArrivesEmpty() throws InterruptedException {
        assertThat(roundTrip(new byte[0])).isEmpty();
    }

    @Test
    void everyByteValueArrivesUnchanged() throws InterruptedException {
        byte[] payload = new byte[256];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        assertThat(roundTrip(payload)).isEqualTo(payload);
    }

    @Test
    void aOneMebibytePayloadArrivesUnchanged() throws InterruptedException {
        byte[] payload = new byte[1024 * 1024];
        new Random(42).nextBytes(payload);
        assertThat(roundTrip(payload)).isEqualTo(payload);
    }

    private byte[] roundTrip(byte[] payload) throws InterruptedException {
        String topic = newTopic();
        try (Subscriber subscriber = backend.subscriber()) {
            subscriber.subscribe(topic);
            backend.publisher().publish(topic, Message.of(payload.clone()));
            return receive(subscriber, 1).get(0).payload();
        }
    }
}

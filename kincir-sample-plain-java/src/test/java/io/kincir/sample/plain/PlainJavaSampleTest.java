package io.kincir.sample.plain;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.conformance.ExternalServer;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlainJavaSampleTest {

    @Test
    void publishesAndReceivesThroughTheLocalRabbitmq() throws InterruptedException {
        ExternalServer.RABBITMQ.require();
        List<String> payloads = List.of("first " + System.nanoTime(), "second", "third");

        assertThat(PlainJavaSample.roundTrip(ExternalServer.RABBITMQ.host(), ExternalServer.RABBITMQ.port(), payloads))
                .containsExactlyElementsOf(payloads);
    }
}

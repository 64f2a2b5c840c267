package io.kincir.sample;

import io.kincir.KincirException;
import io.kincir.spring.boot.autoconfigure.KincirPublisherDecorator;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** An order whose event cannot be published is refused, not kept half-made. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "logging.level.io.kincir.sample=warn")
@AutoConfigureRestTestClient
class UnpublishedOrderTests {

    @Autowired
    RestTestClient http;

    @TestConfiguration(proxyBeanMethods = false)
    static class BrokenBroker {

        /** The backend refuses every message about customer CUST-DOWN. */
        @Bean
        KincirPublisherDecorator refuseCustomerDown() {
            return publisher -> (topic, messages) -> {
                if (messages.stream().anyMatch(message -> new String(message.payload(), StandardCharsets.UTF_8)
                        .contains("CUST-DOWN"))) {
                    throw new KincirException("broker unavailable (test)");
                }
                publisher.publish(topic, messages);
            };
        }
    }

    @Test
    void anOrderWhoseEventCannotBePublishedIsRefusedWithTheCause() {
        http.post().uri("/orders").contentType(MediaType.APPLICATION_JSON)
                .body(new OrderRequest("CUST-DOWN", BigDecimal.ONE)).exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.detail").isEqualTo("The order was not created: broker unavailable (test)");
    }
}

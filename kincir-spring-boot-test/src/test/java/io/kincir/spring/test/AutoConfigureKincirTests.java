package io.kincir.spring.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kincir.Backend;
import io.kincir.memory.InMemoryBroker;
import io.kincir.spring.KincirListener;
import io.kincir.spring.KincirTemplate;
import io.kincir.spring.SendTo;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

/**
 * How an application tests itself with the slice: its configuration names RabbitMQ (no server
 * needed), {@code @AutoConfigureKincir} runs it on the in-memory broker with the same listeners, and
 * the recorder shows what was published.
 */
@SpringBootTest(classes = AutoConfigureKincirTests.ShopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "kincir.backend=rabbitmq")
@AutoConfigureKincir
class AutoConfigureKincirTests {

    record Order(String id, int amount) {
    }

    record Invoice(String orderId, int total) {
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class ShopApplication {

        @Bean
        Shop shop(KincirTemplate template) {
            return new Shop(template);
        }

        @Bean
        Billing billing() {
            return new Billing();
        }
    }

    static class Shop {

        private final KincirTemplate template;

        Shop(KincirTemplate template) {
            this.template = template;
        }

        void place(Order order) {
            template.send("orders", order);
        }
    }

    static class Billing {

        @KincirListener(topics = "orders")
        @SendTo("invoices")
        Invoice bill(Order order) {
            return new Invoice(order.id(), order.amount() * 2);
        }
    }

    @Autowired
    Shop shop;

    @Autowired
    KincirTestRecorder recorder;

    @Autowired
    Backend backend;

    @Test
    void theTestRunsOnTheInMemoryBrokerWhateverTheApplicationConfigures() {
        assertThat(backend).isInstanceOf(InMemoryBroker.class);
    }

    @Test
    void theRecorderShowsWhatTheApplicationAndItsListenersPublished() {
        shop.place(new Order("42", 10));

        assertThat(recorder.payloads("orders", Order.class)).containsExactly(new Order("42", 10));
        recorder.awaitMessages("invoices", 1, Duration.ofSeconds(10));
        assertThat(recorder.payloads("invoices", Invoice.class)).containsExactly(new Invoice("42", 20));
        assertThat(recorder.topics()).containsExactlyInAnyOrder("orders", "invoices");
    }

    @Test
    void waitingForMessagesThatNeverComeFailsWithWhatWasSeen() {
        shop.place(new Order("1", 1));

        assertThatThrownBy(() -> recorder.awaitMessages("refunds", 1, Duration.ofMillis(200)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected 1 messages on topic 'refunds'").hasMessageContaining("orders");
    }
}

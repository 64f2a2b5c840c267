package io.kincir.spring.boot.autoconfigure;

import static io.kincir.spring.boot.autoconfigure.KincirStartupFailureTests.failsWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.Message;
import io.kincir.listener.ListenerContainer;
import io.kincir.spring.KincirListener;
import io.kincir.spring.KincirListenerRegistry;
import io.kincir.spring.SendTo;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Which listeners take batches, how their settings are read, and which batch signatures fail the start-up. */
class BatchListenerStartupTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(InMemoryBackendAutoConfiguration.class,
                    KincirAutoConfiguration.class, JacksonAutoConfiguration.class))
            .withPropertyValues("kincir.backend=in-memory", "kincir.listener.auto-startup=false");

    @Configuration(proxyBeanMethods = false)
    static class BatchListeners {

        @KincirListener(id = "sized", topics = "orders", batchSize = "${app.batch-size}")
        void sized(List<String> texts) {
        }

        @KincirListener(id = "timed", topics = "orders", batchTimeout = "250ms")
        void timed(List<byte[]> payloads) {
        }

        @KincirListener(id = "messages", topics = "orders")
        void messages(List<Message> messages) {
        }

        @KincirListener(id = "jsonArray", topics = "orders")
        void jsonArray(List<String> oneMessagesArray) {
        }
    }

    @Test
    void batchSettingsComeFromTheAnnotationOrTheListenerDefaults() {
        contextRunner.withUserConfiguration(BatchListeners.class).withPropertyValues("app.batch-size=7",
                "kincir.listener.batch-size=40", "kincir.listener.batch-timeout=2s").run(context -> {
                    KincirListenerRegistry registry = context.getBean(KincirListenerRegistry.class);
                    ListenerContainer sized = registry.container("sized");
                    assertThat(sized.isBatch()).isTrue();
                    assertThat(sized.batchSize()).isEqualTo(7);
                    assertThat(sized.batchTimeout()).isEqualTo(Duration.ofSeconds(2));
                    ListenerContainer timed = registry.container("timed");
                    assertThat(timed.batchSize()).isEqualTo(40);
                    assertThat(timed.batchTimeout()).isEqualTo(Duration.ofMillis(250));
                    assertThat(registry.container("messages").isBatch()).as("List<Message>").isTrue();
                    assertThat(registry.container("jsonArray").isBatch())
                            .as("a List without batch attributes is one message's JSON array").isFalse();
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoParameters {

        @KincirListener(topics = "orders", batchSize = "10")
        void onOrders(List<String> texts, Message first) {
        }
    }

    @Test
    void aBatchListenerWithASecondParameterListsTheBatchSignatures() {
        contextRunner.withUserConfiguration(TwoParameters.class).run(failsWith(analysis -> {
            assertThat(analysis.getDescription()).contains("TwoParameters.onOrders(List, Message)")
                    .contains("cannot be a batch listener: it takes 2 parameters, not one List");
            assertThat(analysis.getAction()).contains("returns void and takes one parameter, a List of")
                    .contains("void onOrders(List<Order> orders)");
        }));
    }

    @Configuration(proxyBeanMethods = false)
    static class Replies {

        @KincirListener(topics = "orders", batchTimeout = "1s")
        @SendTo("receipts")
        String onOrders(List<String> texts) {
            return "done";
        }
    }

    @Test
    void aBatchListenerCannotReply() {
        contextRunner.withUserConfiguration(Replies.class).run(failsWith(analysis -> assertThat(
                analysis.getDescription()).contains("it returns String, and a batch has no one message to reply to")));
    }

    @Configuration(proxyBeanMethods = false)
    static class NotAList {

        @KincirListener(topics = "orders", batchSize = "10")
        void onOrder(String text) {
        }
    }

    @Test
    void aBatchListenerTakesAList() {
        contextRunner.withUserConfiguration(NotAList.class).run(failsWith(analysis -> assertThat(
                analysis.getDescription()).contains("its parameter is a java.lang.String, not a List")));
    }

    @Configuration(proxyBeanMethods = false)
    static class BadBatchSize {

        @KincirListener(topics = "orders", batchSize = "lots")
        void onOrders(List<String> texts) {
        }
    }

    @Test
    void aBatchSizeThatIsNotANumberIsNamed() {
        contextRunner.withUserConfiguration(BadBatchSize.class).run(failsWith(analysis -> assertThat(
                analysis.getDescription()).contains("has batchSize = \"lots\", which is not a whole number")));
    }
}

package io.kincir.spring.boot.autoconfigure;

import static io.kincir.spring.boot.autoconfigure.KincirStartupFailureTests.failsWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.spring.KincirListener;
import io.kincir.spring.KincirListenerRegistry;
import io.kincir.spring.Metadata;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Headers;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.handler.annotation.SendTo;

/** Listener methods whose spring-messaging annotations cannot work fail the start-up, saying why and what works. */
class MessagingAnnotationStartupTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(InMemoryBackendAutoConfiguration.class,
                    KincirAutoConfiguration.class))
            .withPropertyValues("kincir.backend=in-memory");

    record Order(String id, int quantity) {
    }

    @Test
    void springsSendToWithSeveralTopicsIsRefused() {
        contextRunner.withUserConfiguration(SendToSeveral.class).run(failsWith(analysis -> {
            assertThat(analysis.getDescription()).contains("SendToSeveral.onOrder(String)")
                    .contains("has @SendTo with 2 topics [receipts, audit]");
            assertThat(analysis.getAction()).contains("Name one topic");
        }));
    }

    @Test
    void bothSendToAnnotationsAreRefused() {
        contextRunner.withUserConfiguration(BothSendTo.class).run(failsWith(analysis -> assertThat(
                analysis.getDescription()).contains("has both Kincir's and spring-messaging's @SendTo")));
    }

    @Test
    void springsSendToOnTheClassNamesTheTopicOfItsMethods() {
        contextRunner.withUserConfiguration(SendToOnClass.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(KincirListenerRegistry.class).listeners()).hasSize(1);
        });
    }

    @Test
    void aHeaderOfATypeNoMetadataValueConvertsToIsRefused() {
        contextRunner.withUserConfiguration(HeaderNotConvertible.class).run(failsWith(analysis -> {
            assertThat(analysis.getDescription()).contains("parameter 2")
                    .contains("is annotated @Header but a metadata value (a String) cannot be converted to")
                    .contains("Order");
            assertThat(analysis.getAction()).contains("@Header(\"key\") of a simple type");
        }));
    }

    @Test
    void anOptionalPrimitiveHeaderWithoutDefaultIsRefused() {
        contextRunner.withUserConfiguration(OptionalPrimitiveHeader.class).run(failsWith(analysis -> assertThat(
                analysis.getDescription()).contains("a primitive cannot be null").contains("defaultValue")));
    }

    @Test
    void aDefaultValueThatDoesNotConvertIsRefused() {
        contextRunner.withUserConfiguration(BadDefault.class).run(failsWith(analysis -> assertThat(
                analysis.getDescription()).contains("@Header(defaultValue = \"high\"), which is not a int")));
    }

    @Test
    void headersOnAnythingButAMetadataMapIsRefused() {
        contextRunner.withUserConfiguration(HeadersNotAMap.class).run(failsWith(analysis -> assertThat(
                analysis.getDescription()).contains("is annotated @Headers but is not a Map<String, String>")));
    }

    @Test
    void aPayloadExpressionIsRefused() {
        contextRunner.withUserConfiguration(PayloadExpression.class).run(failsWith(analysis -> assertThat(
                analysis.getDescription()).contains("has @Payload with an expression (\"id\")")));
    }

    @Test
    void twoBindingAnnotationsOnOneParameterAreRefused() {
        contextRunner.withUserConfiguration(TwoAnnotations.class).run(failsWith(analysis -> assertThat(
                analysis.getDescription()).contains("has more than one of @Metadata, @Header, @Headers and @Payload")));
    }

    @Test
    void aPayloadAnnotatedMapIsThePayloadNotTheMetadata() {
        contextRunner.withUserConfiguration(PayloadMapAndText.class).run(failsWith(analysis -> assertThat(
                analysis.getDescription()).contains("would be a second payload parameter, after Map body")));
    }

    @Test
    void aValidPayloadWithoutAValidatorIsRefusedNamingTheDependency() {
        contextRunner.withUserConfiguration(ValidPayload.class).run(failsWith(analysis -> {
            assertThat(analysis.getDescription()).contains("ValidPayload.onOrder(Order)")
                    .contains("annotated @Valid or @Validated, but the application context has no Validator");
            assertThat(analysis.getAction()).contains("spring-boot-starter-validation");
        }));
    }

    @Test
    void aValidPayloadStartsWithBootsValidator() {
        contextRunner.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
                .withUserConfiguration(ValidPayload.class)
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Configuration(proxyBeanMethods = false)
    static class SendToSeveral {

        @KincirListener(topics = "orders")
        @SendTo({"receipts", "audit"})
        String onOrder(String text) {
            return text;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class BothSendTo {

        @KincirListener(topics = "orders")
        @SendTo("receipts")
        @io.kincir.spring.SendTo("receipts")
        String onOrder(String text) {
            return text;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @SendTo("receipts")
    static class SendToOnClass {

        @KincirListener(id = "onOrder", topics = "orders")
        String onOrder(String text) {
            return text;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class HeaderNotConvertible {

        @KincirListener(topics = "orders")
        void onOrder(String text, @Header("order") Order order) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OptionalPrimitiveHeader {

        @KincirListener(topics = "orders")
        void onOrder(String text, @Header(name = "priority", required = false) int priority) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class BadDefault {

        @KincirListener(topics = "orders")
        void onOrder(String text, @Header(name = "priority", defaultValue = "high") int priority) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class HeadersNotAMap {

        @KincirListener(topics = "orders")
        void onOrder(String text, @Headers List<String> headers) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class PayloadExpression {

        @KincirListener(topics = "orders")
        void onOrder(@Payload("id") String id) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoAnnotations {

        @KincirListener(topics = "orders")
        void onOrder(String text, @Metadata("customer") @Header("customer") String customer) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class PayloadMapAndText {

        @KincirListener(topics = "orders")
        void onOrder(@Payload Map<String, String> body, String text) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ValidPayload {

        @KincirListener(topics = "orders")
        void onOrder(@Valid Order order) {
        }
    }
}

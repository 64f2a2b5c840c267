package io.kincir.spring.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.kincir.Message;
import io.kincir.MessageConversionException;
import io.kincir.spring.KincirListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

/** A message handed to a listener takes its real path: conversion, retries, the dead-letter topic. */
@SpringBootTest(classes = DeliverToListenerTests.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"kincir.listener.max-attempts=3", "kincir.listener.backoff.initial=1ms",
                "kincir.listener.backoff.max=5ms"})
@AutoConfigureKincir
class DeliverToListenerTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    record Payment(String orderId, int amount) {
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        Payments payments() {
            return new Payments();
        }
    }

    static class Payments {

        final List<Payment> paid = new CopyOnWriteArrayList<>();

        @KincirListener(id = "payments", topics = "payments")
        void pay(Payment payment) {
            if (payment.amount() < 0) {
                throw new IllegalArgumentException("negative amount " + payment.amount());
            }
            paid.add(payment);
        }

        @KincirListener(id = "audit", topics = {"payments", "refunds"})
        void audit(String text) {
        }
    }

    @Autowired
    KincirTestRecorder recorder;

    @Autowired
    Payments payments;

    @Test
    void aMessageTheListenerHandlesIsConvertedAndHandledOnce() {
        ListenerOutcome outcome = recorder.deliver("payments", Message.of("{\"orderId\":\"7\",\"amount\":5}"), TIMEOUT);

        assertThat(outcome.handled()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(payments.paid).contains(new Payment("7", 5));
        assertThat(recorder).hasNotPublishedTo("payments");
    }

    @Test
    void aMessageTheListenerFailsIsRetriedThenDeadLettered() {
        Message message = Message.of("{\"orderId\":\"8\",\"amount\":-1}");

        ListenerOutcome outcome = recorder.deliver("payments", message, TIMEOUT);

        assertThat(outcome.deadLettered()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(outcome.failures()).allSatisfy(failure -> assertThat(failure).hasMessage("negative amount -1"));
        assertThat(recorder).published("payments.dlq").singleElement().hasMetadata("_original_topic", "payments")
                .hasPayload(new Payment("8", -1));
        assertThat(recorder.messages("payments.dlq").get(0).uuid()).isEqualTo(message.uuid());
    }

    @Test
    void aPayloadThatDoesNotConvertIsDeadLetteredWithTheConversionError() {
        ListenerOutcome outcome = recorder.deliver("payments", Message.of("not json"), TIMEOUT);

        assertThat(outcome.deadLettered()).isTrue();
        assertThat(outcome.failures()).isNotEmpty().first().isInstanceOf(MessageConversionException.class);
        assertThat(recorder).published("payments.dlq").hasSize(1);
    }

    @Test
    void aListenerOfSeveralTopicsIsDeliveredToTheTopicNamed() {
        assertThatIllegalArgumentException().isThrownBy(() -> recorder.deliver("audit", Message.of("x"), TIMEOUT))
                .withMessageContaining("has the topics [payments, refunds]");

        assertThat(recorder.deliver("audit", "refunds", Message.of("x"), TIMEOUT).handled()).isTrue();
    }

    @Test
    void anUnknownListenerIsNamed() {
        assertThatIllegalArgumentException().isThrownBy(() -> recorder.deliver("billing", Message.of("x"), TIMEOUT))
                .withMessageContaining("No @KincirListener has the id 'billing'");
    }
}

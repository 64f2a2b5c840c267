package io.kincir.spring.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kincir.Message;
import io.kincir.spring.ReplyTimeoutException;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.micrometer.observation.Observation;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RequestObservationTests {

    private final TestObservationRegistry registry = TestObservationRegistry.create();
    private final RequestObservation observation = new RequestObservation(registry, null, "nats");

    @Test
    void aRequestIsObservedByTopicAndBackendAndReturnsTheReply() {
        String reply = observation.observe("prices", "shop.replies", () -> "42");

        assertThat(reply).isEqualTo("42");
        TestObservationRegistryAssert.assertThat(registry).hasSingleObservationThat()
                .hasNameEqualTo("kincir.request").hasContextualNameEqualTo("prices request")
                .hasLowCardinalityKeyValue("topic", "prices").hasLowCardinalityKeyValue("backend", "nats")
                .hasLowCardinalityKeyValue("exception", "none")
                .hasHighCardinalityKeyValue("kincir.reply_to", "shop.replies").hasBeenStopped();
    }

    @Test
    void aRequestWithoutAReplyIsObservedWithItsTimeout() {
        ReplyTimeoutException timeout = new ReplyTimeoutException("prices", Duration.ofMillis(5), "no reply");

        assertThatThrownBy(() -> observation.observe("prices", "shop.replies", () -> {
            throw timeout;
        })).isSameAs(timeout);

        TestObservationRegistryAssert.assertThat(registry).hasSingleObservationThat()
                .hasLowCardinalityKeyValue("exception", "ReplyTimeoutException").hasError(timeout);
    }

    @Test
    void aTaskRunOnAnotherThreadStaysInsideTheRequest() throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            observation.observe("prices", "shop.replies", () -> join(thread.submit(observation.inCurrentObservation(
                    () -> Observation.createNotStarted("publish", registry).observe(() -> { })))));
        } finally {
            thread.shutdown();
        }

        TestObservationRegistryAssert.assertThat(registry).hasObservationWithNameEqualTo("publish").that()
                .hasParentObservationContextMatching(parent -> parent.getName().equals("kincir.request"));
    }

    private static Object join(Future<?> future) {
        try {
            return future.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theReceiptOfAReplyIsObservedAsTheReplyTopicsConsumer() {
        Message reply = Message.of("42");
        AtomicBoolean received = new AtomicBoolean();

        observation.observeReply("shop.replies", reply, () -> received.set(true));

        assertThat(received).isTrue();
        TestObservationRegistryAssert.assertThat(registry).hasSingleObservationThat()
                .hasNameEqualTo("kincir.reply").hasContextualNameEqualTo("shop.replies receive")
                .hasLowCardinalityKeyValue("backend", "nats").hasLowCardinalityKeyValue("exception", "none")
                .hasHighCardinalityKeyValue("kincir.reply_to", "shop.replies")
                .hasHighCardinalityKeyValue("messaging.message.id", reply.uuid()).hasBeenStopped();
    }

    @Test
    void noneObservesNothing() {
        assertThat(RequestObservation.NONE.observe("prices", "shop.replies", () -> "42")).isEqualTo("42");
    }
}

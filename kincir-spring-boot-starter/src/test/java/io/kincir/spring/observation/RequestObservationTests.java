package io.kincir.spring.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kincir.spring.ReplyTimeoutException;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.time.Duration;
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
    void noneObservesNothing() {
        assertThat(RequestObservation.NONE.observe("prices", "shop.replies", () -> "42")).isEqualTo("42");
    }
}

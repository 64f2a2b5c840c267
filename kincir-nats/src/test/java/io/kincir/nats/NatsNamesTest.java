package io.kincir.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.Message;
import io.kincir.Subscriber;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Topic and group names become valid stream, subject and consumer names, reversibly. */
class NatsNamesTest {

    /** Names the shared rules allow with the characters NATS does not allow in a stream or consumer name. */
    private static final List<String> AWKWARD = List.of("orders.dlq", "under_score", "a._-b", "1.2.3", "x__5F");

    private final TestNats nats = new TestNats();

    @AfterEach
    void tearDown() {
        nats.close();
    }

    @Test
    void namesKeepLettersDigitsAndDashesAndEncodeEveryOtherByte() {
        assertThat(NatsNames.stream("orders")).isEqualTo("kincir-orders");
        assertThat(NatsNames.subject("orders")).isEqualTo("kincir.orders");
        assertThat(NatsNames.stream("orders.dlq")).isEqualTo("kincir-orders_2Edlq");
        assertThat(NatsNames.subject("orders.dlq")).isEqualTo("kincir.orders_2Edlq");
        assertThat(NatsNames.consumer("billing")).isEqualTo("billing");
        assertThat(NatsNames.consumer("a_b")).isEqualTo("a_5Fb");
    }

    @Test
    void everyNameIsReversibleAndHoldsOnlyCharactersNatsAllows() {
        for (String name : AWKWARD) {
            String stream = NatsNames.stream(name);
            assertThat(stream).matches("[A-Za-z0-9_-]+");
            assertThat(NatsNames.topicOf(stream)).isEqualTo(name);
            assertThat(NatsNames.subject(name)).matches("kincir\\.[A-Za-z0-9_-]+");
            assertThat(NatsNames.decode(NatsNames.consumer(name))).isEqualTo(name);
        }
    }

    @Test
    void aPrivateConsumerNameIsNeverAGroupsConsumerName() {
        String name = NatsNames.privateConsumer();
        assertThat(name).startsWith("_private-");
        for (String group : AWKWARD) {
            assertThat(NatsNames.consumer(group)).doesNotStartWith("_p");
        }
    }

    @Test
    void awkwardTopicAndGroupNamesWorkOnTheServer() throws InterruptedException {
        NatsBackend backend = nats.backend();
        for (String name : AWKWARD) {
            try (Subscriber subscriber = backend.subscriber(name)) {
                subscriber.subscribe(name);
                backend.publisher().publish(name, Message.of("to " + name));

                assertThat(subscriber.receive(Duration.ofSeconds(10))).map(Message::payloadAsString)
                        .as("topic and group %s", name).contains("to " + name);
            }
        }
        assertThat(backend.streamNames()).contains("kincir-orders_2Edlq");
    }
}

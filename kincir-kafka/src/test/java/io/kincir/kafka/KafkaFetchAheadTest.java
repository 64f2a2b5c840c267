package io.kincir.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kincir.Message;
import io.kincir.Subscriber;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a subscriber fetches ahead of {@code receive} is bounded in bytes as well as in records. */
class KafkaFetchAheadTest {

    private static final int RECORD_BYTES = 256 * 1024;
    private static final int BOUND_BYTES = 1024 * 1024;
    // One poll may overshoot the bound by what it returns: at most max.partition.fetch.bytes (1 MiB)
    // from the topic's single partition, or one record larger than that.
    private static final int ONE_POLL_BYTES = 1024 * 1024 + RECORD_BYTES;

    @Test
    void fetchingPausesWhenTheRecordsWaitingToBeReceivedReachTheByteBound() throws Exception {
        try (KafkaBackend backend = SharedKafkaBroker.backend().partitions(1).receiveBufferBytes(BOUND_BYTES).build();
                Subscriber subscriber = backend.subscriber("fetch-ahead")) {
            String topic = KafkaRecordsTest.topic();
            subscriber.subscribe(topic);
            int records = 40;
            for (int i = 0; i < records; i++) {
                backend.publisher().publish(topic, Message.of(new byte[RECORD_BYTES]));
            }

            assertThat(subscriber.receive(Duration.ofSeconds(30))).isPresent();
            await().atMost(Duration.ofSeconds(10)).until(() -> backend.fetchedAheadBytes() > 0);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> backend.fetchedAheadBytes() <= BOUND_BYTES + ONE_POLL_BYTES);

            for (int i = 1; i < records; i++) {
                assertThat(subscriber.receive(Duration.ofSeconds(30))).as("record %d", i).isPresent();
            }
        }
    }
}

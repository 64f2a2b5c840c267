package io.kincir.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.Subscriber;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The chain of slot chunks a group's messages wait in: single messages and batches that cross from
 * one chunk to the next, the cleanup rewriting the chunk publishers append to, and a drained chain
 * letting go of what it handed out.
 */
class InMemoryChainTest {

    @Test
    void singleMessagesAndBatchesAcrossManyChunksArriveInOrderAndLeaveNothingCounted() throws InterruptedException {
        int singles = 3 * Chunk.SLOTS + 5;
        try (InMemoryBroker broker = InMemoryBroker.withDefaultConfig(); Subscriber subscriber = broker.subscriber("g")) {
            subscriber.subscribe("t");
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < singles; i++) {
                sent.add("s" + i);
                broker.publisher().publish("t", Message.of(sent.get(i)));
            }
            // A batch that fills the last chunk's free slots and goes on in a chunk of its own size.
            List<Message> batch = IntStream.range(0, 2 * Chunk.SLOTS + 7).mapToObj(i -> Message.of("b" + i)).toList();
            batch.forEach(message -> sent.add(message.payloadAsString()));
            broker.publisher().publish("t", batch);
            broker.publisher().publish("t", Message.of("last"));
            sent.add("last");
            assertThat(broker.healthCheck().queuedMessages()).isEqualTo(sent.size());

            List<String> received = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                received.add(subscriber.receive(Duration.ofSeconds(5)).orElseThrow().payloadAsString());
            }

            assertThat(received).containsExactlyElementsOf(sent);
            assertThat(broker.healthCheck().queuedMessages()).isZero();
            assertThat(broker.healthCheck().memoryEstimateBytes()).isZero();
        }
    }

    @Test
    void theCleanupRewritesTheChunkPublishersAppendToAndLaterMessagesFollowTheLiveOnes() throws InterruptedException {
        Duration shortTtl = Duration.ofMillis(100);
        try (InMemoryBroker broker = new InMemoryBroker(InMemoryConfig.defaults().withCleanupInterval(Duration.ofMillis(20)));
                Subscriber subscriber = broker.subscriber("g")) {
            subscriber.subscribe("t");
            // Received before the others are published, so that the member claims none of them: the cleanup sees only the queue.
            broker.publisher().publish("t", Message.of("kept-1"));
            assertThat(subscriber.receive(Duration.ofSeconds(5)).orElseThrow().payloadAsString()).isEqualTo("kept-1");
            broker.publisher().publish("t", Message.of("gone-1").withMetadata(MetadataKeys.TTL, shortTtl.toString()));
            broker.publisher().publish("t", Message.of("kept-2"));
            broker.publisher().publish("t", Message.of("gone-2").withMetadata(MetadataKeys.TTL, shortTtl.toString()));

            await().atMost(Duration.ofSeconds(5)).until(() -> broker.healthCheck().expiredMessages() == 2);
            for (int i = 0; i < Chunk.SLOTS + 1; i++) {
                broker.publisher().publish("t", Message.of("after-" + i));
            }

            assertThat(subscriber.receive(Duration.ofSeconds(5)).orElseThrow().payloadAsString()).isEqualTo("kept-2");
            for (int i = 0; i < Chunk.SLOTS + 1; i++) {
                assertThat(subscriber.receive(Duration.ofSeconds(5)).orElseThrow().payloadAsString()).isEqualTo("after-" + i);
            }
            assertThat(broker.healthCheck().queuedMessages()).isZero();
            assertThat(broker.healthCheck().memoryEstimateBytes()).isZero();
        }
    }

    @Test
    void aDrainedChainLetsGoOfWhatItHandedOutOnceItsMemberWaits() throws InterruptedException {
        try (InMemoryBroker broker = InMemoryBroker.withDefaultConfig(); Subscriber subscriber = broker.subscriber("g")) {
            subscriber.subscribe("t");
            WeakReference<byte[]> payload = publishAndReceive(broker, subscriber);

            // Nothing more comes: the member spins, then waits, and the chain lets its last chunk go.
            assertThat(subscriber.receive(Duration.ofMillis(50))).isEmpty();

            await().atMost(Duration.ofSeconds(10)).until(() -> {
                System.gc();
                return payload.get() == null;
            });
        }
    }

    /** Kept apart so that no local variable of the test holds the message. */
    private static WeakReference<byte[]> publishAndReceive(InMemoryBroker broker, Subscriber subscriber) throws InterruptedException {
        byte[] bytes = new byte[1 << 20];
        broker.publisher().publish("t", Message.of(bytes));
        assertThat(subscriber.receive(Duration.ofSeconds(5)).orElseThrow().payload()).hasSize(bytes.length);
        return new WeakReference<>(bytes);
    }
}

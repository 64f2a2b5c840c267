package io.kincir.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.Message;
import io.kincir.Subscriber;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** 8 publishers × 10,000 messages, published concurrently through one shared publisher: none lost, none duplicated. */
public abstract class ConcurrentPublishersConformance extends BackendConformance {

    private static final int PUBLISHERS = 8;
    private static final int PER_PUBLISHER = 10_000;
    private static final int BATCH = 100;

    @Test
    void eightConcurrentPublishersLoseAndDuplicateNothing() throws Exception {
        String topic = newTopic();
        ExecutorService threads = Executors.newFixedThreadPool(PUBLISHERS);
        try (Subscriber subscriber = backend.subscriber(newGroup())) {
            subscriber.subscribe(topic);
            List<Future<?>> publishing = new ArrayList<>();
            for (int p = 0; p < PUBLISHERS; p++) {
                int publisher = p;
                publishing.add(threads.submit(() -> {
                    for (int i = 0; i < PER_PUBLISHER; i += BATCH) {
                        List<Message> batch = new ArrayList<>(BATCH);
                        for (int j = i; j < i + BATCH; j++) {
                            batch.add(Message.of(publisher + ":" + j));
                        }
                        backend.publisher().publish(topic, batch);
                    }
                    return null;
                }));
            }

            Set<String> received = new HashSet<>();
            List<String> duplicates = new ArrayList<>();
            int expected = PUBLISHERS * PER_PUBLISHER;
            for (int i = 0; i < expected; i++) {
                Optional<Message> message = subscriber.receive(receiveTimeout());
                assertThat(message).as("message %d of %d", i + 1, expected).isPresent();
                if (!received.add(message.get().payloadAsString())) {
                    duplicates.add(message.get().payloadAsString());
                }
            }
            for (Future<?> each : publishing) {
                each.get(receiveTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }

            assertThat(duplicates).isEmpty();
            assertThat(received).hasSize(expected);
            for (int p = 0; p < PUBLISHERS; p++) {
                assertThat(received).contains(p + ":0", p + ":" + (PER_PUBLISHER - 1));
            }
            assertNothingMore(subscriber);
        } finally {
            threads.shutdownNow();
        }
    }
}

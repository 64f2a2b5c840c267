package io.kincir.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.Subscriber;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One publisher's messages arrive in publish order. Messages carry a {@code partition_key}, since a
 * partitioned backend (Kafka) keeps order per key; the in-memory broker keeps it per topic.
 */
public abstract class OrderingConformance extends BackendConformance {

    private static final int COUNT = 1000;

    @Test
    void oneSubscriberReceivesOnePublishersMessagesInOrder() throws InterruptedException {
        String topic = newTopic();
        try (Subscriber subscriber = backend.subscriber()) {
            subscriber.subscribe(topic);
            List<Message> sent = keyed("order", COUNT, "key-1");
            for (int i = 0; i < COUNT; i += 100) {
                if (i % 200 == 0) {
                    backend.publisher().publish(topic, sent.subList(i, i + 100));
                } else {
                    for (Message message : sent.subList(i, i + 100)) {
                        backend.publisher().publish(topic, message);
                    }
                }
            }

            assertThat(payloads(receive(subscriber, COUNT))).containsExactlyElementsOf(payloads(sent));
        }
    }

    @Test
    void eachKeysMessagesStayInOrderWhenKeysInterleave() throws InterruptedException {
        String topic = newTopic();
        try (Subscriber subscriber = backend.subscriber()) {
            subscriber.subscribe(topic);
            List<Message> sent = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                String key = "key-" + (i % 3);
                sent.add(Message.of(key + ":" + i).withMetadata(MetadataKeys.PARTITION_KEY, key));
            }
            backend.publisher().publish(topic, sent);

            List<String> received = payloads(receive(subscriber, sent.size()));
            for (int k = 0; k < 3; k++) {
                String prefix = "key-" + k + ":";
                assertThat(received.stream().filter(p -> p.startsWith(prefix)).toList())
                        .containsExactlyElementsOf(payloads(sent).stream().filter(p -> p.startsWith(prefix)).toList());
            }
        }
    }

    @Test
    void eachMemberOfAGroupSeesItsShareInOrder() throws InterruptedException {
        String topic = newTopic();
        String group = newGroup();
        try (Subscriber first = backend.subscriber(group); Subscriber second = backend.subscriber(group)) {
            first.subscribe(topic);
            second.subscribe(topic);
            List<Message> sent = keyed("member", 200, "key-1");
            backend.publisher().publish(topic, sent);

            List<Integer> firstSeen = new ArrayList<>();
            List<Integer> secondSeen = new ArrayList<>();
            long deadline = System.nanoTime() + receiveTimeout().toNanos();
            while (firstSeen.size() + secondSeen.size() < sent.size() && System.nanoTime() < deadline) {
                first.receive(java.time.Duration.ofMillis(20)).ifPresent(m -> firstSeen.add(index(m)));
                second.receive(java.time.Duration.ofMillis(20)).ifPresent(m -> secondSeen.add(index(m)));
            }

            assertThat(firstSeen.size() + secondSeen.size()).isEqualTo(sent.size());
            assertThat(firstSeen).isSorted();
            assertThat(secondSeen).isSorted();
        }
    }

    private static List<Message> keyed(String prefix, int count, String key) {
        List<Message> sent = new ArrayList<>(count);
        for (Message message : messages(prefix, count)) {
            sent.add(message.withMetadata(MetadataKeys.PARTITION_KEY, key));
        }
        return sent;
    }

    private static int index(Message message) {
        String payload = message.payloadAsString();
        return Integer.parseInt(payload.substring(payload.lastIndexOf('-') + 1));
    }
}

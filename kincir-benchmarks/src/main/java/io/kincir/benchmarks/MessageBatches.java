package io.kincir.benchmarks;

import io.kincir.Message;
import java.util.ArrayList;
import java.util.List;

/** The messages benchmarks publish, made before the timing so that building them is not measured. */
final class MessageBatches {

    private MessageBatches() {
    }

    /** @return an unmodifiable batch of {@code count} messages, each with its own uuid and a zeroed payload */
    static List<Message> of(int count, int payloadBytes) {
        List<Message> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            batch.add(Message.of(new byte[payloadBytes]));
        }
        return List.copyOf(batch);
    }
}

package io.kincir.deadletter;

import java.util.List;

/**
 * One page of the dead letters of a topic, oldest first.
 *
 * @param topic the dead-letter topic
 * @param offset how many dead letters come before this page
 * @param deadLetters the page's dead letters
 * @param total how many dead letters the listing read
 * @param complete whether the listing read every dead letter the topic's group held; false when it
 *     stopped at {@link DeadLetters.Builder#maxMessages(int)}, so that more may wait beyond them
 */
public record DeadLetterPage(String topic, int offset, List<DeadLetter> deadLetters, int total, boolean complete) {

    public DeadLetterPage {
        deadLetters = List.copyOf(deadLetters);
    }
}

package io.kincir.spring.actuate;

import io.kincir.deadletter.DeadLetterPage;
import java.util.List;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * A page of the dead letters of a topic, oldest first.
 *
 * @param topic the dead-letter topic
 * @param offset how many come before this page
 * @param total how many dead letters the listing read
 * @param complete whether that was all the topic's group held (false: more may wait beyond
 *     {@code kincir.dead-letters.max-messages})
 * @param deadLetters the page
 */
public record DeadLetterPageDescriptor(String topic, int offset, int total, boolean complete,
        List<DeadLetterDescriptor> deadLetters) implements OperationResponseBody {

    static DeadLetterPageDescriptor of(DeadLetterPage page) {
        return new DeadLetterPageDescriptor(page.topic(), page.offset(), page.total(), page.complete(),
                page.deadLetters().stream().map(DeadLetterDescriptor::of).toList());
    }
}

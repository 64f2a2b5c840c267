package io.kincir.deadletter;

import io.kincir.Delivery;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dead letters one operation read and holds unsettled, each with its deliveries: a backend may hand
 * out one dead letter twice (a redelivery after its ack wait, a duplicate publish), and both copies are
 * settled together. Whatever the operation does not remove goes back to the group when it ends.
 */
final class HeldDeadLetters {

    private static final System.Logger LOG = System.getLogger(HeldDeadLetters.class.getName());

    private record Held(DeadLetter deadLetter, int order, List<Delivery> deliveries) {
    }

    private static final Comparator<Held> OLDEST_FIRST = Comparator
            .comparing((Held held) -> held.deadLetter.deadLetteredAt(), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparingInt(Held::order);

    private final String topic;
    private final RemovedDeadLetters removed;
    private final Map<String, Held> held = new LinkedHashMap<>();
    private boolean complete;

    HeldDeadLetters(String topic, RemovedDeadLetters removed) {
        this.topic = topic;
        this.removed = removed;
    }

    /**
     * @return whether the delivery was a dead letter not yet held; a copy of a held one is kept with it,
     *     and one removed lately is acknowledged again and dropped ({@link RemovedDeadLetters})
     */
    boolean add(Delivery delivery, Instant now) {
        DeadLetter deadLetter = DeadLetter.of(delivery.message(), now);
        if (removed.contains(deadLetter.identity())) {
            acknowledge(deadLetter, delivery);
            return false;
        }
        Held existing = held.get(deadLetter.identity());
        if (existing != null) {
            existing.deliveries.add(delivery);
            return false;
        }
        held.put(deadLetter.identity(), new Held(deadLetter, held.size(), new ArrayList<>(List.of(delivery))));
        return true;
    }

    int size() {
        return held.size();
    }

    /** Marks that the read met a quiet period rather than the limit: every dead letter was read. */
    void readEverything() {
        complete = true;
    }

    boolean complete() {
        return complete;
    }

    /** @return every dead letter held, oldest first (those that do not say when come last, as read) */
    List<DeadLetter> oldestFirst() {
        return held.values().stream().sorted(OLDEST_FIRST).map(Held::deadLetter).toList();
    }

    /** @return the held dead letter with this uuid, the latest replayed if there are several */
    Optional<DeadLetter> find(String uuid) {
        return held.values().stream().map(Held::deadLetter).filter(deadLetter -> deadLetter.uuid().equals(uuid))
                .max(Comparator.comparingInt(DeadLetter::replayed));
    }

    /**
     * Acknowledges every delivery of the dead letter, so that the group does not hold it any more, and
     * remembers it as removed.
     *
     * @return null, or why a delivery could not be acknowledged (the backend then keeps the dead letter)
     */
    String remove(DeadLetter deadLetter) {
        Held removing = held.remove(deadLetter.identity());
        removed.add(deadLetter.identity());
        String failure = null;
        for (Delivery delivery : removing.deliveries) {
            String refused = acknowledge(deadLetter, delivery);
            failure = failure == null ? refused : failure;
        }
        return failure;
    }

    private String acknowledge(DeadLetter deadLetter, Delivery delivery) {
        try {
            delivery.ack();
            return null;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not acknowledge dead letter " + deadLetter.uuid() + " of topic '" + topic
                    + "'; the backend keeps it", e);
            return e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        }
    }

    /** Gives every dead letter still held back to the group, to be read again by the next operation. */
    void giveBack() {
        for (Held each : held.values()) {
            for (Delivery delivery : each.deliveries) {
                try {
                    delivery.nack(true);
                } catch (RuntimeException e) {
                    // The backend takes back what it cannot settle (a closed subscriber, a lost channel).
                    LOG.log(Level.DEBUG, () -> "Could not give dead letter " + each.deadLetter.uuid() + " back: " + e);
                }
            }
        }
        held.clear();
    }
}

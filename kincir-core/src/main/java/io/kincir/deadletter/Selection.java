package io.kincir.deadletter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The dead letters an operation acts on, oldest first, and those asked for that it cannot.
 *
 * @param deadLetters the held dead letters to act on
 * @param skipped the uuids asked for and not held, each with the reason
 */
record Selection(List<DeadLetter> deadLetters, Map<String, String> skipped) {

    /** @return every held dead letter */
    static Selection all(HeldDeadLetters held) {
        return new Selection(held.oldestFirst(), Map.of());
    }

    /** @return the held dead letters with these uuids; those not held are skipped */
    static Selection of(HeldDeadLetters held, Set<String> uuids) {
        List<DeadLetter> found = new ArrayList<>();
        Map<String, String> missing = new LinkedHashMap<>();
        for (String uuid : uuids) {
            Optional<DeadLetter> deadLetter = held.find(uuid);
            if (deadLetter.isPresent()) {
                found.add(deadLetter.get());
            } else {
                missing.put(uuid, "not among the " + held.size() + " dead letters read"
                        + (held.complete() ? "" : " (the most one read takes)"));
            }
        }
        found.sort(Comparator.comparingInt(held.oldestFirst()::indexOf));
        return new Selection(found, missing);
    }
}

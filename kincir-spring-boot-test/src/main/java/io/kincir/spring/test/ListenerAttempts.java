package io.kincir.spring.test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The attempts of listeners to handle messages, by listener and message uuid. Guarded by the recorder. */
final class ListenerAttempts {

    private record Key(String listenerId, String uuid) {
    }

    private static final class Attempts {
        final List<Throwable> failures = new ArrayList<>();
        boolean handled;
    }

    private final Map<Key, Attempts> attempts = new HashMap<>();

    void add(String listenerId, String uuid, Throwable failure) {
        Attempts of = attempts.computeIfAbsent(new Key(listenerId, uuid), key -> new Attempts());
        if (failure == null) {
            of.handled = true;
        } else {
            of.failures.add(failure);
        }
    }

    /** @return what became of the message, or null while the listener is not done with it */
    ListenerOutcome outcome(String listenerId, String uuid, boolean deadLettered) {
        Attempts of = attempts.get(new Key(listenerId, uuid));
        if (of != null && of.handled) {
            return new ListenerOutcome(true, of.failures);
        }
        return deadLettered ? new ListenerOutcome(false, of == null ? List.of() : of.failures) : null;
    }

    List<Throwable> failures(String listenerId, String uuid) {
        Attempts of = attempts.get(new Key(listenerId, uuid));
        return of == null ? List.of() : List.copyOf(of.failures);
    }

    void clear() {
        attempts.clear();
    }
}

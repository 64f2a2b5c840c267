package io.kincir.memory;

import io.kincir.Backend;
import io.kincir.fault.BackendFactory;
import io.kincir.fault.ChildBackend;
import io.kincir.fault.ListenerLoad;
import io.kincir.fault.SlowListenerMemory;
import java.util.List;

/**
 * A publisher far faster than its listener on the in-memory broker with its default configuration
 * (a full queue refuses at once), its group's queue bounded to a tenth of the messages — the default
 * 100,000 for a million — and to two batches at least: it meets {@link io.kincir.QueueFullException}, and every message it accepted
 * is handled once.
 */
class InMemorySlowListenerTest extends SlowListenerMemory {

    /** Builds the broker in the child: the defaults, with the queue bound it is given. */
    static final class Bounded implements BackendFactory {

        @Override
        public Backend create(List<String> arguments) {
            return new InMemoryBroker(InMemoryConfig.defaults().withMaxQueueSize(Integer.parseInt(arguments.get(0))));
        }
    }

    @Override
    protected Backend createBackend() {
        return InMemoryBroker.withDefaultConfig();
    }

    @Override
    protected ChildBackend childBackend() {
        int queueBound = Math.max(ListenerLoad.messages(defaultMessages()) / 10, 2 * ListenerLoad.BATCH);
        return ChildBackend.of(Bounded.class, Integer.toString(queueBound));
    }

    @Override
    protected boolean drainsTheBacklog() {
        return true;
    }
}

package io.kincir.memory;

import io.kincir.Backend;
import io.kincir.fault.ListenerLoad;

/**
 * The load against the in-memory broker in its testing profile, whose publish waits up to 5 s for
 * room in a full queue: a publisher faster than the listener is held back instead of refused.
 */
class InMemoryLoadTest extends ListenerLoad {

    @Override
    protected Backend createBackend() {
        return new InMemoryBroker(InMemoryConfig.forTesting());
    }

    /** The in-memory broker redelivers only after a nack or a close, and nothing here does either. */
    @Override
    protected boolean duplicatesAllowed() {
        return false;
    }
}

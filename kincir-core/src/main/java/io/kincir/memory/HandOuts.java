package io.kincir.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The claimed messages one member handed out of one bounded queue, which is room given back. Only
 * that member writes it, with a plain store, where an atomic addition to a counter shared by the
 * queue's members cost a third of a receiver's time on batches; the queue's {@link Room} adds it up
 * only when a publisher finds the queue full. Padded, as it is written on every hand-out.
 */
final class HandOuts extends CacheLines.PaddingAfterHandedOut {

    private static final VarHandle HANDED_OUT;

    static {
        try {
            HANDED_OUT = MethodHandles.lookup().findVarHandle(CacheLines.HandedOut.class, "handedOut", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The member counting. */
    final Object member;

    HandOuts(Object member) {
        this.member = member;
    }

    /** One more claimed message handed out; by the member alone. */
    void add() {
        HANDED_OUT.setRelease(this, (long) HANDED_OUT.get(this) + 1);
    }

    long count() {
        return handedOut;
    }
}

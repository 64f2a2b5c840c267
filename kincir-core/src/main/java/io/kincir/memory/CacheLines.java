package io.kincir.memory;

/**
 * Fields that publishers write and fields that receivers write, laid out on cache lines of their
 * own: two threads writing one line, many times a second each, would pass it back and forth between
 * their CPUs on every message. The JVM lays out a superclass's fields before its subclass's, so the
 * classes below put 64 bytes of unused longs between such groups of fields: the two ends of a
 * {@link GroupQueue} and the flags both ends read, the publishers' and the receivers' counters of
 * a {@link Room}, and a member's count of {@link HandOuts}, padded on both sides as it lies between
 * other objects on the heap. The JVM also fills gaps a superclass leaves with a subclass's fields of the size
 * that fits, so a field written seldom may still land in another group's gap; a test checks, at the
 * offsets the running JVM chose, that none lands within a line of the fields written on every message.
 */
final class CacheLines {

    private CacheLines() {
    }

    abstract static class PaddingBeforeTail {
        long p00, p01, p02, p03, p04, p05, p06, p07;
    }

    /** Written by publishers, under the queue's put lock unless said otherwise. */
    abstract static class Tail extends PaddingBeforeTail {
        /**
         * The put lock's {@link WordLock} word: 1 while held. A long, as an int would leave a gap the
         * JVM fills with another group's field.
         */
        long putLock;
        Chunk tail;
        /** Slots of {@link #tail} written. */
        int tailCount;
        /** The memory estimate of what {@link #tail} holds; the chunk gets it when it is full. */
        long tailBytes;
        long addedMessages;
        long addedBytes;
        long addedExpiringChunks;
        int wakeCursor;
    }

    abstract static class PaddingBeforeSignals extends Tail {
        long p10, p11, p12, p13, p14, p15, p16, p17;
    }

    /**
     * Read by publishers on every publish or by members on every poll, and written seldom: apart from
     * the tail's fields, which publishers write on every publish, so that a member reading these does
     * not take the tail's line away from the publisher each time.
     */
    abstract static class Signals extends PaddingBeforeSignals {
        /**
         * Counts what a member spinning on the chain's head slot would not see: messages given back
         * and messages put in a priority lane. Written with release semantics, under both locks.
         */
        volatile long appends;
        /** Members about to park or parked; written by members, without the lock, only when they park. */
        volatile int waitingMembers;
        /** Written under both locks; volatile so that a member's {@link Claim} notices without locking. */
        volatile boolean deleted;
        /** The broker is shutting down, so the queue takes no more batches; written under the put lock. */
        boolean sealed;
    }

    abstract static class PaddingBeforeHead extends Signals {
        long p20, p21, p22, p23, p24, p25, p26, p27;
    }

    /** Written by receivers, under the queue's take lock. */
    abstract static class Head extends PaddingBeforeHead {
        /** The take lock's {@link WordLock} word: 1 while held. */
        long takeLock;
        Chunk head;
        int headIndex;
        /** Taken or discarded from the chain and the returned list, less what was given back. */
        long removedMessages;
        long removedBytes;
        long removedExpiringChunks;
    }

    abstract static class PaddingAfterHead extends Head {
        long p30, p31, p32, p33, p34, p35, p36, p37;
    }

    abstract static class PaddingBeforeTaken {
        long p00, p01, p02, p03, p04, p05, p06, p07;
    }

    /** A room's counters written by publishers. */
    abstract static class Taken extends PaddingBeforeTaken {
        /** Room ever reserved or taken again; written under the queue's put lock, read by waiting publishers without it. */
        volatile long taken;
        /** A past reading of the room given back, under the put lock: a lower bound, so that the room it shows is never too much. */
        long freedSeen;
    }

    abstract static class PaddingBeforeFreed extends Taken {
        long p10, p11, p12, p13, p14, p15, p16, p17;
    }

    /** A room's counter written by receivers, under their queue's take lock. */
    abstract static class Freed extends PaddingBeforeFreed {
        /** Room given back by receivers taking messages from the queue. */
        volatile long freedByTakers;
    }

    abstract static class PaddingAfterFreed extends Freed {
        long p20, p21, p22, p23, p24, p25, p26, p27;
    }

    abstract static class PaddingBeforeHandedOut {
        long p00, p01, p02, p03, p04, p05, p06, p07;
    }

    /** A member's count of claimed messages handed out, written by that member on every hand-out. */
    abstract static class HandedOut extends PaddingBeforeHandedOut {
        /** Written with release semantics by the member alone; read by publishers that find the queue full. */
        volatile long handedOut;
    }

    abstract static class PaddingAfterHandedOut extends HandedOut {
        long p10, p11, p12, p13, p14, p15, p16, p17;
    }
}

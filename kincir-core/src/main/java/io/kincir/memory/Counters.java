package io.kincir.memory;

import java.util.concurrent.atomic.LongAdder;

/**
 * The broker's counts. Messages that leave without being delivered are always counted, so none is
 * lost silently; published and consumed are counted only when stats are on, as they sit on the hot
 * path.
 */
final class Counters {

    final boolean stats;
    final LongAdder published = new LongAdder();
    final LongAdder consumed = new LongAdder();
    final LongAdder expired = new LongAdder();
    final LongAdder unrouted = new LongAdder();
    final LongAdder dropped = new LongAdder();

    Counters(boolean stats) {
        this.stats = stats;
    }

    void published(int count) {
        if (stats) {
            published.add(count);
        }
    }

    void consumed() {
        if (stats) {
            consumed.increment();
        }
    }
}

package io.kincir.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How often this machine takes a core away from a busy thread: one thread per core spins reading the
 * clock, and every gap between two reads longer than {@value #HICCUP_MICROS} µs is a moment the thread
 * did not run. The latency run needs two such threads (the publisher keeping its schedule, the
 * receiver), so its tail cannot be shorter than what this finds; it is printed beside the latency
 * figures so that a long tail can be told apart from a slow broker.
 */
final class PlatformHiccups {

    static final long HICCUP_MICROS = 50;

    /** What the spinning threads saw, summed over all of them. */
    record Result(int threads, Duration spun, long hiccups, Duration lost, Duration longest) {

        /** @return the share of each thread's time it did not run, in percent */
        double lostPercent() {
            return 100.0 * lost.toNanos() / (spun.toNanos() * threads);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d threads spinning %d s, one per core, were stopped %,d times for over "
                    + "%d µs: %.1f ms in all (%.2f%% of their time), the longest %,d µs", threads, spun.toSeconds(),
                    hiccups, HICCUP_MICROS, lost.toNanos() / 1e6, lostPercent(), longest.toNanos() / 1000);
        }
    }

    private PlatformHiccups() {
    }

    /** Spins one thread per available core for {@code duration}. */
    static Result measure(Duration duration) throws InterruptedException {
        int threads = Runtime.getRuntime().availableProcessors();
        long[][] found = new long[threads][];
        List<Thread> spinning = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int slot = t;
            Thread thread = new Thread(() -> found[slot] = spin(duration.toNanos()), "hiccup-probe-" + t);
            thread.start();
            spinning.add(thread);
        }
        long hiccups = 0;
        long lost = 0;
        long longest = 0;
        for (int t = 0; t < threads; t++) {
            spinning.get(t).join();
            hiccups += found[t][0];
            lost += found[t][1];
            longest = Math.max(longest, found[t][2]);
        }
        return new Result(threads, duration, hiccups, Duration.ofNanos(lost), Duration.ofNanos(longest));
    }

    /** @return hiccups, nanoseconds lost in them, longest gap */
    private static long[] spin(long nanos) {
        long threshold = HICCUP_MICROS * 1000;
        long last = System.nanoTime();
        long end = last + nanos;
        long hiccups = 0;
        long lost = 0;
        long longest = 0;
        while (last < end) {
            long now = System.nanoTime();
            long gap = now - last;
            if (gap > threshold) {
                hiccups++;
                lost += gap;
            }
            longest = Math.max(longest, gap);
            last = now;
        }
        return new long[] {hiccups, lost, longest};
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println(measure(Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 5)));
    }
}

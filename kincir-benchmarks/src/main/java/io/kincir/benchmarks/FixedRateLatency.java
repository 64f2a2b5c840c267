package io.kincir.benchmarks;

import io.kincir.Message;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/**
 * End-to-end latency at a fixed offered rate, one publisher thread to one receiver
 * thread, 100-byte payloads published one at a time, through Kincir's in-memory broker and the
 * {@link java.util.concurrent.ArrayBlockingQueue} baseline.
 *
 * <p>Free of coordinated omission: message {@code i} is due at {@code start + i / rate}, carries its
 * index in its payload, and its latency is measured from when it was due, not from when the
 * publisher got round to sending it. A publisher that falls behind (descheduled, or held up by the
 * transport) therefore shows up in the figures instead of quietly lowering the offered rate. The
 * publisher spins until each message is due, since parking cannot wake within a few microseconds.
 * Messages of the warm-up period are delivered but not recorded.
 */
public final class FixedRateLatency {

    /** Percentiles of one run, in microseconds. */
    record Result(String contender, int ratePerSecond, long recorded, double p50, double p99, double p999, double max) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s at %,d msg/s: %,d messages, p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, "
                    + "max %.1f µs", contender, ratePerSecond, recorded, p50, p99, p999, max);
        }
    }

    private static final int PAYLOAD_BYTES = 100;

    private FixedRateLatency() {
    }

    /**
     * Runs one contender; blocks for {@code warmup + measurement}.
     *
     * @param contender one of {@link Contender#ALL}
     * @param ratePerSecond messages offered per second
     * @return the latency percentiles of the measured period
     */
    static Result run(String contender, int ratePerSecond, Duration warmup, Duration measurement)
            throws InterruptedException {
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        record(contender, ratePerSecond, warmup, measurement, histogram);
        return result(contender, ratePerSecond, histogram);
    }

    /** Runs one contender, adding the latency of each message after the warm-up to {@code histogram}. */
    private static void record(String contender, int ratePerSecond, Duration warmup, Duration measurement,
            Histogram histogram) throws InterruptedException {
        long warmupCount = warmup.toNanos() * ratePerSecond / 1_000_000_000L;
        long total = warmupCount + measurement.toNanos() * ratePerSecond / 1_000_000_000L;
        double intervalNanos = 1e9 / ratePerSecond;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Transport transport = Contender.create(contender, Topology.ONE_TO_ONE, 1);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        Transport.Receiver receiver = transport.receivers().get(0);
        Thread receiving = new Thread(() -> {
            try {
                for (long received = 0; received < total; received++) {
                    Message message = receiver.next();
                    long now = System.nanoTime();
                    long index = ByteBuffer.wrap(message.payload()).getLong(0);
                    if (index >= warmupCount) {
                        long due = start + (long) (index * intervalNanos);
                        histogram.recordValue(Math.max(0, now - due));
                    }
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "latency-receiver");
        receiving.setDaemon(true);
        receiving.start();
        try {
            for (long i = 0; i < total; i++) {
                List<Message> single = List.of(message(i));
                long due = start + (long) (i * intervalNanos);
                while (System.nanoTime() - due < 0) {
                    Thread.onSpinWait();
                }
                transport.send(single);
                if (failure.get() != null) {
                    break;
                }
            }
            receiving.join(TimeUnit.SECONDS.toMillis(60));
        } finally {
            transport.close();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("The latency receiver failed: " + failure.get(), failure.get());
        }
        if (receiving.isAlive()) {
            throw new IllegalStateException("The receiver got only part of " + total + " messages within a minute");
        }
    }

    private static Result result(String contender, int ratePerSecond, Histogram histogram) {
        return new Result(contender, ratePerSecond, histogram.getTotalCount(), micros(histogram.getValueAtPercentile(50)),
                micros(histogram.getValueAtPercentile(99)), micros(histogram.getValueAtPercentile(99.9)),
                micros(histogram.getMaxValue()));
    }

    private static Message message(long index) {
        byte[] payload = new byte[PAYLOAD_BYTES];
        ByteBuffer.wrap(payload).putLong(0, index);
        return Message.of(payload);
    }

    private static double micros(long nanos) {
        return nanos / 1000.0;
    }

    /**
     * Runs every contender of {@link Contender#ALL} after a short unrecorded round of each, then measures
     * each twice, the contenders in one order and then in the other, and pools both runs'
     * latencies: on two CPUs whichever contender was measured first showed a p99 several times what
     * the same contender showed later in the same JVM, even after the unrecorded round.
     *
     * @param ratePerSecond messages offered per second
     * @param warmup the unrecorded start of each measured run
     * @param measurement the recorded part of each run, so each contender records twice this
     * @return each contender's percentiles, in the order of {@link Contender#ALL}
     */
    static List<Result> runAll(int ratePerSecond, Duration warmup, Duration measurement) throws InterruptedException {
        Map<String, Histogram> histograms = new LinkedHashMap<>();
        for (String contender : Contender.ALL) {
            run(contender, ratePerSecond, Duration.ZERO, warmup);
            histograms.put(contender, new Histogram(TimeUnit.SECONDS.toNanos(60), 3));
        }
        List<String> reversed = new ArrayList<>(Contender.ALL);
        Collections.reverse(reversed);
        for (List<String> order : List.of(Contender.ALL, reversed)) {
            for (String contender : order) {
                record(contender, ratePerSecond, warmup, measurement, histograms.get(contender));
            }
        }
        List<Result> results = new ArrayList<>();
        histograms.forEach((contender, histogram) -> results.add(result(contender, ratePerSecond, histogram)));
        return results;
    }

    /**
     * Runs each contender {@code rounds} times, the contenders in one order in even rounds and in the
     * other in odd ones, each run with its own histogram after an unrecorded round of each, and gives
     * each percentile's median over the rounds: one round stalled by the machine moves the median
     * little, where it would dominate a pooled tail.
     *
     * @return each contender's median percentiles, in the order given; {@code recorded} counts every round's messages
     */
    static List<Result> runRounds(int ratePerSecond, List<String> contenders, int rounds, Duration warmup,
            Duration measurement) throws InterruptedException {
        Map<String, List<Result>> runs = new LinkedHashMap<>();
        for (String contender : contenders) {
            run(contender, ratePerSecond, Duration.ZERO, warmup);
            runs.put(contender, new ArrayList<>());
        }
        List<String> reversed = new ArrayList<>(contenders);
        Collections.reverse(reversed);
        for (int round = 0; round < rounds; round++) {
            for (String contender : round % 2 == 0 ? contenders : reversed) {
                runs.get(contender).add(run(contender, ratePerSecond, warmup, measurement));
            }
        }
        List<Result> results = new ArrayList<>();
        runs.forEach((contender, each) -> results.add(new Result(contender, ratePerSecond,
                each.stream().mapToLong(Result::recorded).sum(), median(each, Result::p50), median(each, Result::p99),
                median(each, Result::p999), median(each, Result::max))));
        return results;
    }

    private static double median(List<Result> results, ToDoubleFunction<Result> percentile) {
        double[] values = results.stream().mapToDouble(percentile).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /**
     * Prints every contender's percentiles.
     *
     * @param args optional: rate per second (default 100000), then measured seconds (default 5)
     */
    public static void main(String[] args) throws InterruptedException {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Duration measured = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 5);
        runAll(rate, Duration.ofSeconds(2), measured).forEach(System.out::println);
    }
}

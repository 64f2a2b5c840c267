package io.kincir.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The in-memory broker's own set, in a few minutes: 1→1 and four publishers to a group of two, 100 B,
 * one message and 100 per publish, against the {@code ArrayBlockingQueue} hand-off; a
 * {@code @KincirListener} against a plain receive loop on the same broker, each in three JVMs;
 * allocation per message of each ({@code -prof gc}); then the fixed-rate latency at 100,000 msg/s, five rounds with the
 * contenders alternated, median of each percentile; and the machine's own stall floor. Writes its
 * tables between the {@code in-memory-results} markers of the README.
 *
 * <p>Usage: {@code java -cp kincir-benchmarks/target/benchmarks.jar io.kincir.benchmarks.InMemoryReport
 * [--readme kincir-benchmarks/README.md] [--quick]}.
 */
public final class InMemoryReport {

    static final String START_MARKER = "<!-- in-memory-results:start -->";
    static final String END_MARKER = "<!-- in-memory-results:end -->";

    static final List<ResultsTable.Comparison> COMPARISONS = List.of(BenchmarkReport.COMPARISONS.get(0),
            BenchmarkReport.COMPARISONS.get(1), BenchmarkReport.IN_MEMORY_LISTENER);

    private static final String INCLUDE = "\\.(InMemoryThroughputBenchmark|InMemoryFanOutBenchmark|InMemoryListenerBenchmark)\\.";
    private static final List<String> LATENCY_CONTENDERS = List.of(Contender.KINCIR, Contender.ARRAY_BLOCKING_QUEUE,
            Contender.SPINNING_QUEUE);
    private static final int LATENCY_ROUNDS = 5;
    /**
     * JVMs per benchmark and contender, their iterations pooled: a single JVM's 1→1 single-message
     * score settles in one of two modes for its whole run, and the listener's moved by more than the
     * ratio between runs.
     */
    private static final int FORKS = 3;

    private InMemoryReport() {
    }

    public static void main(String[] args) throws RunnerException, IOException, InterruptedException {
        Path readme = null;
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--readme" -> readme = Path.of(args[++i]);
                case "--quick" -> quick = true;
                default -> throw new IllegalArgumentException("Unknown argument '" + args[i] + "'; use --readme PATH, --quick");
            }
        }
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String started = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        ChainedOptionsBuilder options = new OptionsBuilder().include(INCLUDE).shouldFailOnError(true)
                .param("payloadBytes", "100").param("topology", "FOUR_TO_GROUP_OF_TWO").addProfiler(GCProfiler.class)
                .forks(quick ? 1 : FORKS).warmupIterations(quick ? 1 : 3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 1 : 5).measurementTime(TimeValue.seconds(1));
        Collection<RunResult> results = new Runner(options.build()).run();
        PooledScores scores = new PooledScores();
        BenchmarkReport.pool(results, scores);
        Duration warmup = Duration.ofSeconds(1);
        Duration measured = Duration.ofSeconds(quick ? 1 : 2);
        List<FixedRateLatency.Result> latencies = FixedRateLatency.runRounds(100_000, LATENCY_CONTENDERS,
                quick ? 1 : LATENCY_ROUNDS, warmup, measured);
        latencies.forEach(System.out::println);
        PlatformHiccups.Result hiccups = PlatformHiccups.measure(Duration.ofSeconds(5));
        System.out.println(hiccups);
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String machine = String.format(Locale.ROOT, "Measured %s on %d cores (%s), %s %s; load average %.2f at the start, "
                + "%.2f at the end%s. Latency: %d rounds of %d s per contender, alternated, median of each percentile. "
                + "The machine's stall floor, right after: %s.", started, Runtime.getRuntime().availableProcessors(),
                BenchmarkReport.cpuModel(), System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                loadBefore, loadAfter, quick ? " (--quick: one short iteration each, not for quoting)" : "",
                quick ? 1 : LATENCY_ROUNDS, measured.toSeconds(), hiccups);
        String table = new ResultsTable(COMPARISONS).render(scores.figures(), latencies, machine) + "\n"
                + allocationTable(results);
        BenchmarkReport.publish(table, readme, START_MARKER, END_MARKER);
    }

    /** @return bytes allocated per message by each benchmark and parameter set, from JMH's GC profiler */
    static String allocationTable(Collection<RunResult> results) {
        StringBuilder out = new StringBuilder("| allocation | scenario | contender | bytes per message |\n|---|---|---|---:|\n");
        for (RunResult result : results) {
            Map<String, Result> secondary = result.getSecondaryResults();
            Result perOperation = secondary.get("gc.alloc.rate.norm");
            if (perOperation == null) {
                perOperation = secondary.get("·gc.alloc.rate.norm");
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (String key : result.getParams().getParamsKeys()) {
                params.put(key, result.getParams().getParam(key));
            }
            String contender = params.remove("contender");
            String benchmark = result.getParams().getBenchmark();
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1),
                    params.entrySet().stream().map(param -> param.getKey() + "=" + param.getValue())
                            .reduce((a, b) -> a + ", " + b).orElse(""), contender,
                    perOperation == null ? "n/a" : String.format(Locale.ROOT, "%.1f", perOperation.getScore())));
        }
        return out.toString();
    }
}

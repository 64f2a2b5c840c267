package io.kincir.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark in one go and writes the results table: JMH for throughput, then
 * {@link FixedRateLatency} for latency; each figure with the ratio to its baseline from the same
 * run, and the machine they ran on.
 *
 * <p>Usage: {@code java -cp kincir-benchmarks/target/benchmarks.jar io.kincir.benchmarks.BenchmarkReport
 * [--readme kincir-benchmarks/README.md] [--quick] [--include REGEX] [--param NAME=VALUE,VALUE...]}. Without
 * {@code --readme} the table is only printed. {@code --quick} runs one short iteration per benchmark, to try the
 * harness, not to quote. {@code --include} picks benchmark classes by name; {@code --param} narrows a parameter
 * of those that have it to the values given (the contenders' second run too), for instance
 * {@code --include 'Broker|Listener' --param broker=redis} for one broker's figures.
 */
public final class BenchmarkReport {

    static final String START_MARKER = "<!-- benchmark-results:start -->";
    static final String END_MARKER = "<!-- benchmark-results:end -->";

    /** {@code @KincirListener} on the in-memory broker against a plain receive loop on it. */
    static final ResultsTable.Comparison IN_MEMORY_LISTENER = new ResultsTable.Comparison(
            "InMemoryListenerBenchmark.handle", "in-memory listener", "contender", InMemoryListenerBenchmark.RECEIVE_LOOP);

    /** Every benchmark class the table reads, with its baseline; a new class adds its line here. */
    static final List<ResultsTable.Comparison> COMPARISONS = List.of(
            new ResultsTable.Comparison("InMemoryThroughputBenchmark.oneToOne", "in-memory 1→1", "contender",
                    Contender.ARRAY_BLOCKING_QUEUE),
            new ResultsTable.Comparison("InMemoryFanOutBenchmark.fanOut", "in-memory fan-out", "contender",
                    Contender.ARRAY_BLOCKING_QUEUE),
            new ResultsTable.Comparison("InMemoryFeatureCostBenchmark.oneToOne", "in-memory feature cost, 1→1",
                    "feature", InMemoryFeatureCostBenchmark.NONE),
            new ResultsTable.Comparison("SameThreadBenchmark.publishThenReceive", "same thread, no hand-off",
                    "contender", Contender.ARRAY_BLOCKING_QUEUE),
            new ResultsTable.Comparison("BrokerPublishBenchmark.publish", "publish to a broker", "contender",
                    Brokers.CLIENT, true),
            new ResultsTable.Comparison("BrokerConsumeBenchmark.consume", "consume a backlog", "contender",
                    Brokers.CLIENT, true),
            new ResultsTable.Comparison("ListenerBenchmark.dispatch", "listener drains a backlog", "contender",
                    ListenerApplication.SPRING, true),
            IN_MEMORY_LISTENER);

    private BenchmarkReport() {
    }

    public static void main(String[] args) throws RunnerException, IOException, InterruptedException {
        Path readme = null;
        boolean quick = false;
        String include = "io\\.kincir\\.benchmarks\\..*";
        Map<String, String[]> params = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--readme" -> readme = Path.of(args[++i]);
                case "--quick" -> quick = true;
                case "--include" -> include = args[++i];
                case "--param" -> {
                    String[] param = args[++i].split("=", 2);
                    if (param.length < 2 || param[0].isBlank() || param[1].isBlank()) {
                        throw new IllegalArgumentException("--param takes NAME=VALUE[,VALUE...], was '" + args[i] + "'");
                    }
                    params.put(param[0], param[1].split(","));
                }
                default -> throw new IllegalArgumentException("Unknown argument '" + args[i]
                        + "'; use --readme PATH, --quick, --include REGEX, --param NAME=VALUE[,VALUE...]");
            }
        }
        double loadBefore = load();
        PooledScores scores = new PooledScores();
        String rabbitQueues;
        try (RabbitQueuePolicy policy = RabbitQueuePolicy.apply()) {
            rabbitQueues = policy.describe();
            Collection<RunResult> results = new Runner(options(include, quick, params).build()).run();
            pool(results, scores);
            for (ResultsTable.Comparison comparison : COMPARISONS) {
                List<String> contenders = comparison.bothOrders() ? contendersInOrder(results, comparison) : List.of();
                if (contenders.size() > 1) {
                    List<String> reversed = new ArrayList<>(contenders);
                    Collections.reverse(reversed);
                    ChainedOptionsBuilder again = options("\\." + Pattern.quote(comparison.benchmark()) + "$", quick, params)
                            .param(comparison.axis(), reversed.toArray(String[]::new));
                    pool(new Runner(again.build()).run(), scores);
                }
            }
        }
        List<ResultsTable.Figure> figures = scores.figures();
        Duration measured = Duration.ofSeconds(quick ? 1 : 5);
        Duration warmup = Duration.ofSeconds(quick ? 1 : 2);
        List<FixedRateLatency.Result> latencies = FixedRateLatency.runAll(100_000, warmup, measured);
        latencies.forEach(System.out::println);
        PlatformHiccups.Result hiccups = PlatformHiccups.measure(measured);
        System.out.println(hiccups);
        String table = new ResultsTable(COMPARISONS).render(figures, latencies,
                machine(loadBefore, load(), quick) + " " + rabbitQueues + ". Right after the latency runs, " + hiccups
                        + ".");
        publish(table, readme, START_MARKER, END_MARKER);
    }

    /** Prints {@code table} and, if {@code readme} is not null, writes it there between the markers. */
    static void publish(String table, Path readme, String startMarker, String endMarker) throws IOException {
        System.out.println();
        System.out.println(table);
        if (readme != null) {
            String document = Files.readString(readme, StandardCharsets.UTF_8);
            Files.writeString(readme, ResultsTable.replaceBetweenMarkers(document, table, startMarker, endMarker),
                    StandardCharsets.UTF_8);
            System.out.println("Wrote the table into " + readme);
        }
    }

    private static ChainedOptionsBuilder options(String include, boolean quick, Map<String, String[]> params) {
        ChainedOptionsBuilder options = new OptionsBuilder().include(include).shouldFailOnError(true);
        params.forEach(options::param);
        if (quick) {
            options.warmupIterations(1).warmupTime(TimeValue.seconds(1)).measurementIterations(1)
                    .measurementTime(TimeValue.seconds(1));
        }
        return options;
    }

    /** Adds every measured iteration of {@code results} to {@code scores}. */
    static void pool(Collection<RunResult> results, PooledScores scores) {
        for (RunResult result : results) {
            BenchmarkParams params = result.getParams();
            Map<String, String> values = new LinkedHashMap<>();
            for (String key : params.getParamsKeys()) {
                values.put(key, params.getParam(key));
            }
            for (BenchmarkResult benchmark : result.getBenchmarkResults()) {
                for (IterationResult iteration : benchmark.getIterationResults()) {
                    scores.add(params.getBenchmark(), values, iteration.getPrimaryResult().getScoreUnit(),
                            iteration.getPrimaryResult().getScore());
                }
            }
        }
    }

    /** @return the values of the comparison's contender parameter, in the order the run measured them */
    private static List<String> contendersInOrder(Collection<RunResult> results, ResultsTable.Comparison comparison) {
        return results.stream().filter(result -> result.getParams().getBenchmark().endsWith(comparison.benchmark()))
                .map(result -> result.getParams().getParam(comparison.axis())).distinct().toList();
    }

    private static String machine(double loadBefore, double loadAfter, boolean quick) {
        return String.format(Locale.ROOT, "Measured %s on %d cores (%s), %s %s, %s; load average %.2f before, %.2f after%s.",
                ZonedDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE), Runtime.getRuntime().availableProcessors(),
                cpuModel(), System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), loadBefore, loadAfter,
                quick ? " (--quick: one short iteration each, not for quoting)" : "");
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("model name")).map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown CPU");
        } catch (IOException | RuntimeException e) {
            return "unknown CPU";
        }
    }
}

package io.kincir.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The README's results table: each figure next to its baseline measured in the same run, and the
 * ratio of the two. Knows nothing of JMH, so that it can be tested with made-up figures.
 */
final class ResultsTable {

    /**
     * How one benchmark class is read: which parameter names the contender, and which of its values
     * is the baseline the others are divided by.
     *
     * @param bothOrders whether the benchmark runs twice, its contenders in one order and then in the
     *     other, its figures pooled: for a real broker, whose state drifts over a run and would
     *     otherwise favour whichever contender runs first, or last
     */
    record Comparison(String benchmark, String title, String axis, String baseline, boolean bothOrders) {

        Comparison(String benchmark, String title, String axis, String baseline) {
            this(benchmark, title, axis, baseline, false);
        }
    }

    /** One JMH result: a benchmark method, its parameters, its score and error. */
    record Figure(String benchmark, Map<String, String> params, double score, double error, String unit) {

        String scenario(String axis) {
            return params.entrySet().stream().filter(param -> !param.getKey().equals(axis))
                    .map(param -> param.getKey() + "=" + param.getValue()).collect(Collectors.joining(", "));
        }
    }

    private final List<Comparison> comparisons;

    ResultsTable(List<Comparison> comparisons) {
        this.comparisons = List.copyOf(comparisons);
    }

    /**
     * @param figures the JMH results; a benchmark named by no comparison is listed without a ratio
     * @param latencies the fixed-rate latency runs, the first being Kincir's
     * @param machine what the figures were measured on
     * @return the Markdown: throughput table, latency table, machine line
     */
    String render(List<Figure> figures, List<FixedRateLatency.Result> latencies, String machine) {
        StringBuilder out = new StringBuilder();
        out.append("| benchmark | scenario | contender | msg/s | ± (99.9%) | ratio to baseline |\n");
        out.append("|---|---|---|---:|---:|---:|\n");
        List<Figure> left = new ArrayList<>(figures);
        for (Comparison comparison : comparisons) {
            List<Figure> mine = left.stream().filter(figure -> figure.benchmark().endsWith(comparison.benchmark())).toList();
            left.removeAll(mine);
            Map<String, Figure> baselines = new LinkedHashMap<>();
            for (Figure figure : mine) {
                if (comparison.baseline().equals(figure.params().get(comparison.axis()))) {
                    baselines.put(figure.scenario(comparison.axis()), figure);
                }
            }
            // Each scenario's rows together, its baseline last.
            List<String> scenarios = mine.stream().map(figure -> figure.scenario(comparison.axis())).distinct().toList();
            mine = mine.stream().sorted(Comparator.comparing((Figure figure) -> scenarios.indexOf(figure.scenario(comparison.axis())))
                    .thenComparing(figure -> baselines.containsValue(figure))).toList();
            for (Figure figure : mine) {
                String contender = figure.params().getOrDefault(comparison.axis(), "?");
                Figure baseline = baselines.get(figure.scenario(comparison.axis()));
                String ratio = baseline == null ? "no baseline"
                        : baseline == figure ? "1.00 (baseline)"
                        : String.format(Locale.ROOT, "%.2f", figure.score() / baseline.score());
                row(out, comparison.title(), figure.scenario(comparison.axis()), contender, figure, ratio);
            }
        }
        for (Figure figure : left) {
            row(out, figure.benchmark(), figure.scenario(""), "", figure, "");
        }
        if (!latencies.isEmpty()) {
            out.append("\n| end-to-end latency, 1→1, 100 B | offered msg/s | messages | p50 µs | p99 µs | p99.9 µs | max µs "
                    + "| p99 ratio to baseline |\n");
            out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
            FixedRateLatency.Result baseline = latencies.stream()
                    .filter(result -> result.contender().equals(Contender.ARRAY_BLOCKING_QUEUE)).findFirst().orElse(null);
            for (FixedRateLatency.Result result : latencies) {
                String ratio = baseline == null ? "" : baseline == result ? "1.00 (baseline)"
                        : String.format(Locale.ROOT, "%.2f", result.p99() / baseline.p99());
                out.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %.1f | %.1f | %.1f | %.1f | %s |%n",
                        result.contender(), result.ratePerSecond(), result.recorded(), result.p50(), result.p99(),
                        result.p999(), result.max(), ratio));
            }
        }
        out.append('\n').append(Objects.requireNonNull(machine)).append('\n');
        return out.toString();
    }

    private static void row(StringBuilder out, String title, String scenario, String contender, Figure figure, String ratio) {
        String error = Double.isNaN(figure.error()) ? "n/a" : String.format(Locale.ROOT, "%,.0f", figure.error());
        out.append(String.format(Locale.ROOT, "| %s | %s | %s | %,.0f | %s | %s |%n", title, scenario, contender,
                figure.score(), error, ratio));
    }

    /**
     * Puts {@code table} between the start and end markers of {@code document}.
     *
     * @throws IllegalArgumentException if the markers are missing
     */
    static String replaceBetweenMarkers(String document, String table, String start, String end) {
        int from = document.indexOf(start);
        int to = document.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("The document has no '" + start + "' ... '" + end + "' section to fill; "
                    + "add the two marker lines where the results table belongs");
        }
        return document.substring(0, from + start.length()) + "\n" + table + document.substring(to);
    }
}

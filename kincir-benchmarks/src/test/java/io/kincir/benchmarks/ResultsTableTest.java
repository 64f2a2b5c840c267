package io.kincir.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultsTableTest {

    private final ResultsTable table = new ResultsTable(BenchmarkReport.COMPARISONS);

    @Test
    void eachFigureIsDividedByTheBaselineOfItsOwnScenario() {
        String rendered = table.render(List.of(
                figure("InMemoryThroughputBenchmark.oneToOne", "kincir", "1", 6_000_000),
                figure("InMemoryThroughputBenchmark.oneToOne", "arrayBlockingQueue", "1", 4_000_000),
                figure("InMemoryThroughputBenchmark.oneToOne", "kincir", "100", 9_000_000),
                figure("InMemoryThroughputBenchmark.oneToOne", "arrayBlockingQueue", "100", 3_000_000)),
                List.of(), "machine");

        assertThat(rendered).contains("| in-memory 1→1 | batchSize=1 | kincir | 6,000,000 | 1,000 | 1.50 |")
                .contains("| in-memory 1→1 | batchSize=100 | kincir | 9,000,000 | 1,000 | 3.00 |")
                .contains("| in-memory 1→1 | batchSize=100 | arrayBlockingQueue | 3,000,000 | 1,000 | 1.00 (baseline) |")
                .endsWith("machine\n");
    }

    @Test
    void eachScenarioHasItsRowsTogetherWithTheBaselineLast() {
        String rendered = table.render(List.of(
                figure("InMemoryThroughputBenchmark.oneToOne", "arrayBlockingQueue", "1", 4),
                figure("InMemoryThroughputBenchmark.oneToOne", "arrayBlockingQueue", "100", 3),
                figure("InMemoryThroughputBenchmark.oneToOne", "kincir", "1", 6),
                figure("InMemoryThroughputBenchmark.oneToOne", "kincir", "100", 9)),
                List.of(), "m");

        assertThat(rendered.lines().filter(line -> line.startsWith("| in-memory")).map(line -> line.split("\\|")[3].trim()
                + "/" + line.split("\\|")[2].trim()))
                .containsExactly("kincir/batchSize=1", "arrayBlockingQueue/batchSize=1", "kincir/batchSize=100",
                        "arrayBlockingQueue/batchSize=100");
    }

    @Test
    void aSingleIterationHasNoErrorToShow() {
        String rendered = table.render(List.of(new ResultsTable.Figure("io.kincir.benchmarks.SameThreadBenchmark.publishThenReceive",
                Map.of("contender", "kincir"), 7, Double.NaN, "ops/s")), List.of(), "m");

        assertThat(rendered).contains("| kincir | 7 | n/a | no baseline |");
    }

    @Test
    void aFigureWithoutItsBaselineSaysSo() {
        String rendered = table.render(List.of(figure("InMemoryThroughputBenchmark.oneToOne", "kincir", "1", 5)),
                List.of(), "m");

        assertThat(rendered).contains("| kincir | 5 | 1,000 | no baseline |");
    }

    @Test
    void latencyRowsCompareP99WithTheQueue() {
        String rendered = table.render(List.of(), List.of(
                new FixedRateLatency.Result("kincir", 100_000, 500_000, 2, 20, 40, 90),
                new FixedRateLatency.Result("arrayBlockingQueue", 100_000, 500_000, 2, 10, 30, 80)), "m");

        assertThat(rendered).contains("| kincir | 100,000 | 500,000 | 2.0 | 20.0 | 40.0 | 90.0 | 2.00 |");
    }

    @Test
    void theTableGoesBetweenTheMarkersAndNowhereElse() {
        String document = "# Title\n" + BenchmarkReport.START_MARKER + "\nold\n" + BenchmarkReport.END_MARKER + "\nafter\n";

        String updated = ResultsTable.replaceBetweenMarkers(document, "new\n", BenchmarkReport.START_MARKER,
                BenchmarkReport.END_MARKER);

        assertThat(updated).isEqualTo("# Title\n" + BenchmarkReport.START_MARKER + "\nnew\n" + BenchmarkReport.END_MARKER
                + "\nafter\n");
        assertThatThrownBy(() -> ResultsTable.replaceBetweenMarkers("no markers", "x", BenchmarkReport.START_MARKER,
                BenchmarkReport.END_MARKER)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("marker");
    }

    private static ResultsTable.Figure figure(String benchmark, String contender, String batch, double score) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("contender", contender);
        params.put("batchSize", batch);
        return new ResultsTable.Figure("io.kincir.benchmarks." + benchmark, params, score, 1_000, "ops/s");
    }
}

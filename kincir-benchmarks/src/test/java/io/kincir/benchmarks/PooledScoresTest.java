package io.kincir.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PooledScoresTest {

    @Test
    void iterationsOfTheSameParametersFromTwoRunsMakeOneFigure() {
        PooledScores scores = new PooledScores();
        scores.add("b.publish", params("kincir", "100"), "ops/s", 10);
        scores.add("b.publish", params("client", "100"), "ops/s", 30);
        scores.add("b.publish", params("kincir", "100"), "ops/s", 14);
        // The second run: contenders in the other order, parameters listed in another order too.
        Map<String, String> reordered = new LinkedHashMap<>();
        reordered.put("batchSize", "100");
        reordered.put("contender", "client");
        scores.add("b.publish", reordered, "ops/s", 34);
        scores.add("b.publish", params("kincir", "100"), "ops/s", 12);

        List<ResultsTable.Figure> figures = scores.figures();

        assertThat(figures).hasSize(2);
        assertThat(figures.get(0).params()).containsExactly(Map.entry("contender", "kincir"), Map.entry("batchSize", "100"));
        assertThat(figures.get(0).score()).isCloseTo(12, within(1e-9));
        assertThat(figures.get(0).error()).isPositive();
        assertThat(figures.get(1).params()).containsEntry("contender", "client");
        assertThat(figures.get(1).score()).isCloseTo(32, within(1e-9));
        assertThat(figures.get(1).unit()).isEqualTo("ops/s");
    }

    @Test
    void differentParametersOrBenchmarksStayApart() {
        PooledScores scores = new PooledScores();
        scores.add("b.publish", params("kincir", "1"), "ops/s", 1);
        scores.add("b.publish", params("kincir", "100"), "ops/s", 2);
        scores.add("b.consume", params("kincir", "1"), "ops/s", 3);

        assertThat(scores.figures()).extracting(ResultsTable.Figure::score).containsExactly(1.0, 2.0, 3.0);
    }

    private static Map<String, String> params(String contender, String batchSize) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("contender", contender);
        params.put("batchSize", batchSize);
        return params;
    }
}

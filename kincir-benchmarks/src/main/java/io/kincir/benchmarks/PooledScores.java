package io.kincir.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.util.ListStatistics;

/**
 * The iteration scores of each benchmark and parameter set, gathered over one or more JMH runs, as
 * one {@link ResultsTable.Figure} each: mean and 99.9% confidence half-width of every iteration. A
 * benchmark measured in two runs, its contenders in one order and then the other, thus gets a figure
 * that no drift of the broker over time favours.
 */
final class PooledScores {

    private record Key(String benchmark, Map<String, String> params, String unit) {
    }

    private final Map<Key, List<Double>> scores = new LinkedHashMap<>();

    /** Adds one iteration's score; a parameter set keeps the place of its first score. */
    void add(String benchmark, Map<String, String> params, String unit, double score) {
        // Map equality ignores order, so the same parameters from another run find this entry.
        Map<String, String> inOrder = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        scores.computeIfAbsent(new Key(benchmark, inOrder, unit), key -> new ArrayList<>()).add(score);
    }

    /** @return one figure per parameter set, in the order first seen, its params in the order given */
    List<ResultsTable.Figure> figures() {
        List<ResultsTable.Figure> figures = new ArrayList<>();
        scores.forEach((key, values) -> {
            ListStatistics statistics = new ListStatistics(values.stream().mapToDouble(Double::doubleValue).toArray());
            figures.add(new ResultsTable.Figure(key.benchmark(), key.params(),
                    statistics.getMean(), statistics.getMeanErrorAt(0.999), key.unit()));
        });
        return figures;
    }
}

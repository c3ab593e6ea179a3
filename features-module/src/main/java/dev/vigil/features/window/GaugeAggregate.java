package dev.vigil.features.window;

import java.util.List;
import java.util.Map;

import dev.vigil.contracts.Observation;

/** Summarises the points of a metric in a window: {@code mean}, {@code min}, {@code max}, {@code last}, {@code count}. */
public final class GaugeAggregate implements WindowAggregate<Observation> {

    public static final String MEAN = "mean";
    /** The features of a series' window, in the order the documentation gives them. */
    public static final List<String> FEATURES = List.of(MEAN, "min", "max", "last", "count");

    private long count;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double last;

    @Override
    public void add(Observation observation) {
        double value = observation.value();
        count++;
        sum += value;
        min = Math.min(min, value);
        max = Math.max(max, value);
        last = value;
    }

    @Override
    public Map<String, Double> features() {
        return Map.of(MEAN, sum / count, "min", min, "max", max, "last", last, "count", (double) count);
    }
}

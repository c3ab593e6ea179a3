package dev.vigil.features.window;

import java.util.HashMap;
import java.util.Map;

import dev.vigil.contracts.Observation;

/**
 * The window of a group of metrics of one entity (e.g. {@code requests}, {@code errors}, {@code latency} of one
 * host): one feature per member metric that had points in the window, its mean, named after the metric. A member
 * with no point in the window is absent, not zero.
 */
public final class GroupAggregate implements WindowAggregate<Observation> {

    private final Map<String, double[]> sumAndCount = new HashMap<>();

    @Override
    public void add(Observation observation) {
        double[] s = sumAndCount.computeIfAbsent(metric(observation.series()), m -> new double[2]);
        s[0] += observation.value();
        s[1]++;
    }

    @Override
    public Map<String, Double> features() {
        Map<String, Double> means = new HashMap<>();
        sumAndCount.forEach((metric, s) -> means.put(metric, s[0] / s[1]));
        return means;
    }

    /** The metric name of a series name {@code metric{tags}}. */
    public static String metric(String series) {
        int brace = series.indexOf('{');
        return brace < 0 ? series : series.substring(0, brace);
    }
}

package dev.vigil.features.window;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.contracts.Observation;

/**
 * The window of a group of metrics of one entity (e.g. {@code requests}, {@code errors}, {@code latency} of one
 * host): one feature per member metric that had points in the window, its mean, named after the metric. A member
 * with no point in the window is absent, not zero. With {@code statistics} (the window a PMML model reads), each
 * member's {@link #STATISTICS} too, named {@code <metric>_<statistic>} ({@link #statistic}).
 */
public final class GroupAggregate implements WindowAggregate<Observation> {

    /** What a window with statistics gives of each member besides its mean. */
    public static final List<String> STATISTICS = List.of("min", "max", "last", "count");

    private final boolean statistics;
    /** Per member: sum, count, min, max, last. */
    private final Map<String, double[]> members = new HashMap<>();

    /** Each member's mean only. */
    public GroupAggregate() {
        this(false);
    }

    public GroupAggregate(boolean statistics) {
        this.statistics = statistics;
    }

    @Override
    public void add(Observation observation) {
        double value = observation.value();
        double[] s = members.computeIfAbsent(metric(observation.series()),
                m -> new double[] {0, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0});
        s[0] += value;
        s[1]++;
        s[2] = Math.min(s[2], value);
        s[3] = Math.max(s[3], value);
        s[4] = value;
    }

    @Override
    public Map<String, Double> features() {
        Map<String, Double> features = new HashMap<>();
        members.forEach((metric, s) -> {
            features.put(metric, s[0] / s[1]);
            if (statistics) {
                features.put(statistic(metric, "min"), s[2]);
                features.put(statistic(metric, "max"), s[3]);
                features.put(statistic(metric, "last"), s[4]);
                features.put(statistic(metric, "count"), s[1]);
            }
        });
        return features;
    }

    /** The name of a member's statistic in a window: {@code temperature_max}. */
    public static String statistic(String metric, String statistic) {
        return metric + "_" + statistic;
    }

    /** The metric name of a series name {@code metric{tags}}. */
    public static String metric(String series) {
        int brace = series.indexOf('{');
        return brace < 0 ? series : series.substring(0, brace);
    }
}

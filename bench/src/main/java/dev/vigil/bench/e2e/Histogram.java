package dev.vigil.bench.e2e;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a Prometheus histogram counted between two scrapes (the difference of the cumulative buckets), so a figure
 * covers exactly the measured stretch and not the warm-up before it. Quantiles are bucket upper bounds: "p99 at most
 * this", as precise as the buckets (Micrometer's percentile histogram, about 10 % apart).
 */
final class Histogram {

    private final TreeMap<Double, Double> cumulative = new TreeMap<>();

    Histogram(TreeMap<Double, Double> before, TreeMap<Double, Double> after) {
        for (Map.Entry<Double, Double> bucket : after.entrySet()) {
            cumulative.put(bucket.getKey(), bucket.getValue() - before.getOrDefault(bucket.getKey(), 0.0));
        }
    }

    double count() {
        return cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
    }

    /** The smallest bucket bound (seconds) under which at least {@code q} of the observations lie. */
    double quantileBound(double q) {
        double wanted = q * count();
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= wanted) {
                return bucket.getKey();
            }
        }
        return Double.NaN;
    }

    /** The bound of the highest bucket that counted anything: the maximum is at most this. */
    double maxBound() {
        double previous = 0;
        double bound = Double.NaN;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() > previous) {
                bound = bucket.getKey();
            }
            previous = bucket.getValue();
        }
        return bound;
    }
}

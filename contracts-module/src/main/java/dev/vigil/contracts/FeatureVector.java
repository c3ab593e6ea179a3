package dev.vigil.contracts;

import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import static java.util.Collections.unmodifiableSortedMap;

/**
 * The features of one entity over one closed window.
 *
 * @param source      the source its events came from
 * @param entity      the series or service the features describe
 * @param labels      the entity's labels (tags of a series, {@code service} of a log stream)
 * @param windowStart inclusive start of the window
 * @param windowEnd   exclusive end of the window
 * @param features    feature name to value, e.g. {@code mean}, {@code count}, {@code error_count}
 */
public record FeatureVector(String source, String entity, SortedMap<String, String> labels, Instant windowStart,
        Instant windowEnd, Map<String, Double> features) {

    public FeatureVector {
        labels = unmodifiableSortedMap(new TreeMap<>(labels));
        features = Map.copyOf(features);
    }

    public double feature(String name) {
        Double value = features.get(name);
        if (value == null) {
            throw new IllegalArgumentException("window of " + entity + " has no feature '" + name + "', only " + features.keySet());
        }
        return value;
    }
}

package dev.vigil.contracts;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static java.util.Collections.unmodifiableSortedMap;

/**
 * One metric or sensor point.
 *
 * @param source    where it came from: {@code mqtt}, {@code kafka}, {@code file} or a user route's name
 * @param series    the metric name plus its sorted tags, e.g. {@code temperature{device=d7,site=plant-1}};
 *                  this is the entity that windows, baselines and alerts are kept for
 * @param tags      the tags, sorted by key
 * @param timestamp event time
 * @param value     a finite number
 */
public record Observation(String source, String series, SortedMap<String, String> tags, Instant timestamp, double value) {

    public Observation {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(timestamp, "timestamp");
        tags = unmodifiableSortedMap(new TreeMap<>(tags));
        if (!Double.isFinite(value)) {
            throw new InvalidInputException("value must be a finite number, got " + value);
        }
    }

    /** Builds an observation whose series name is derived from the metric and its tags. */
    public static Observation of(String source, String metric, Map<String, String> tags, Instant timestamp, double value) {
        InputRules.requireName("metric", metric);
        tags.forEach((key, tagValue) -> {
            InputRules.requireName("tag key", key);
            InputRules.requireTagValue(key, tagValue);
        });
        return new Observation(source, seriesName(metric, tags), new TreeMap<>(tags), timestamp, value);
    }

    /** {@code metric{k1=v1,k2=v2}} with keys sorted, or just {@code metric} without tags. */
    public static String seriesName(String metric, Map<String, String> tags) {
        if (tags.isEmpty()) {
            return metric;
        }
        return new TreeMap<>(tags).entrySet().stream()
                .map(tag -> tag.getKey() + "=" + tag.getValue())
                .collect(Collectors.joining(",", metric + "{", "}"));
    }
}

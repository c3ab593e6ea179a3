package dev.vigil.scoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.vigil.contracts.FeatureVector;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Score;

/**
 * Feeds hand-made series through a real {@link Detector} (and so through real series states), one window per
 * value, and keeps what came out. Values are spaced by {@code step} from {@link #START}.
 */
public final class Feed {

    /** A Monday, midnight UTC, so hour-of-day and hour-of-week buckets are easy to read in tests. */
    public static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    private final Detector detector;
    private final Duration step;
    private Instant next = START;

    public Feed(Detector detector, Duration step) {
        this.detector = detector;
        this.step = step;
    }

    /** One hour per value. */
    public static Feed hourly(Detector detector) {
        return new Feed(detector, Duration.ofHours(1));
    }

    /** A window of one entity at {@code start}, one step long. */
    public static FeatureVector window(Instant start, Duration length, Map<String, Double> features) {
        return new FeatureVector("mqtt", "pump-1", new TreeMap<>(Map.of("site", "plant-1")), start,
                start.plus(length), features);
    }

    /** Scores the next window, carrying {@code value} in the detector's only feature. */
    public Optional<Score> next(double value) {
        return next(Map.of(detector.features().get(0), value));
    }

    public Optional<Score> next(Map<String, Double> features) {
        FeatureVector window = window(next, step, features);
        next = next.plus(step);
        return detector.evaluate(window);
    }

    /** Scores every value, in order; the result holds empty entries while the series warms up. */
    public List<Optional<Score>> all(double... values) {
        List<Optional<Score>> scores = new ArrayList<>();
        for (double value : values) {
            scores.add(next(value));
        }
        return scores;
    }

    /** Skips time without values, as a sensor that went quiet. */
    public void gap(Duration quiet) {
        next = next.plus(quiet);
    }

    public Instant nextStart() {
        return next;
    }

    /** The finding of the named scorer in a score. */
    public static Finding finding(Score score, String scorer) {
        return score.explanation().findings().stream().filter(f -> f.scorer().equals(scorer)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + scorer + " finding in " + score));
    }

    /** {@code n} values {@code level + (-1, 0, 1, -1, ...)}: median {@code level}, MAD 1, robust sigma 1.4826. */
    public static double[] noisy(double level, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = level + (i % 3) - 1;
        }
        return values;
    }
}

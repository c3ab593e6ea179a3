package dev.vigil.detection.quiet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Score;
import dev.vigil.features.state.SeriesStates.Quiet;

/**
 * Turns series that went quiet into scores of the {@value #DETECTOR} detector, so a sensor that stops sending raises
 * an alert like any other anomaly, and resolves it once the series is heard again: while a series is reported quiet, every
 * check scores it anomalous; each window heard afterwards scores it normal, as many times as the alert lifecycle
 * needs to resolve it. Thread-safe.
 */
public final class QuietWatch {

    public static final String DETECTOR = "quiet";

    private final double factor;
    private final Duration minimumGap;
    private final Instant watchingSince;
    private final int recoveryWindows;
    /** Entities reported silent, with how many normal scores they still owe the lifecycle. */
    private final Map<String, Integer> owed = new ConcurrentHashMap<>();

    /**
     * @param factor          silent after this many usual intervals without a value...
     * @param minimumGap      ...and at least this long
     * @param watchingSince   when Vigil started listening: a series restored from a snapshot was not silent while
     *                        Vigil itself was down, so its quiet time counts from here
     * @param recoveryWindows normal scores the alert lifecycle needs to resolve
     */
    public QuietWatch(double factor, Duration minimumGap, Instant watchingSince, int recoveryWindows) {
        this.factor = factor;
        this.minimumGap = minimumGap;
        this.watchingSince = watchingSince;
        this.recoveryWindows = recoveryWindows;
    }

    /** One anomalous score per quiet entity (several detectors may follow one series: it is reported once). */
    public List<Score> quiet(List<Quiet> series, Instant now) {
        Map<String, Quiet> byEntity = new LinkedHashMap<>();
        for (Quiet s : series) {
            if (s.lastSeen().isBefore(watchingSince) && !quietSinceStart(s, now)) {
                continue;
            }
            byEntity.putIfAbsent(key(s.source(), s.entity()), s);
        }
        List<Score> scores = new ArrayList<>();
        byEntity.forEach((key, s) -> {
            owed.put(key, recoveryWindows);
            scores.add(score(s, now));
        });
        return scores;
    }

    /** A normal score when an entity reported silent is heard again, until its alert can have resolved. */
    public Optional<Score> heard(String source, String entity, Instant windowEnd) {
        String key = key(source, entity);
        Integer left = owed.computeIfPresent(key, (k, n) -> n - 1);
        if (left == null) {
            return Optional.empty();
        }
        if (left <= 0) {
            owed.remove(key);
        }
        String description = entity + " is sending again";
        return Optional.of(new Score(DETECTOR, source, entity, new TreeMap<>(), windowEnd, 0, Score.THRESHOLD, false,
                new Explanation("interval", 0, 0, 1, List.of(new Finding(DETECTOR, 0, factor, description)))));
    }

    /** Whether the series has stayed quiet for its allowance since Vigil started listening. */
    private boolean quietSinceStart(Quiet s, Instant now) {
        Duration allowance = Duration.ofNanos(Math.round(factor * s.typicalInterval().toNanos()));
        Duration sinceStart = Duration.between(watchingSince, now);
        return sinceStart.compareTo(allowance) > 0 && sinceStart.compareTo(minimumGap) > 0;
    }

    private Score score(Quiet s, Instant now) {
        double usual = seconds(s.typicalInterval());
        double silentFor = seconds(s.silentFor());
        double intervals = silentFor / Math.max(usual, 1e-3);
        String description = String.format(Locale.ROOT, "%s sent nothing for %s, usually every %s (%.0f× its interval, limit %.0f×)",
                s.entity(), human(s.silentFor()), human(s.typicalInterval()), intervals, factor);
        Finding finding = new Finding(DETECTOR, Math.max(intervals, factor), factor, description);
        return new Score(DETECTOR, s.source(), s.entity(), new TreeMap<>(), now, Score.normalise(finding.ratio()),
                Score.THRESHOLD, true, new Explanation("interval", silentFor, usual, usual, List.of(finding)));
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    /** {@code 12m 30s}, {@code 2h 5m}, {@code 3.2s}. */
    static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 10) {
            return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
        }
        if (s < 3600) {
            return s / 60 == 0 ? s + "s" : s / 60 + "m " + s % 60 + "s";
        }
        return s / 3600 + "h " + s % 3600 / 60 + "m";
    }

    private static String key(String source, String entity) {
        return source + '\u0000' + entity;
    }
}

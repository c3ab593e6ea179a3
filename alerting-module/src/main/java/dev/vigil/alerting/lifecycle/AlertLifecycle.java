package dev.vigil.alerting.lifecycle;

import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.vigil.alerting.Alert;
import dev.vigil.alerting.AlertStatus;
import dev.vigil.alerting.Severity;
import dev.vigil.scoring.Score;

/**
 * Turns a stream of scores into incidents. Per fingerprint it remembers the last M windows: N anomalous among them
 * fire one alert, and nothing more is raised for that fingerprint while it fires (dedup); the alert resolves after
 * the recovery count of consecutive normal windows. Thread-safe.
 */
public final class AlertLifecycle {

    private final ConfirmationPolicy policy;
    private final Map<String, Track> tracks = new HashMap<>();

    public AlertLifecycle(ConfirmationPolicy policy) {
        this.policy = policy;
    }

    /** @return a new firing alert, a resolved one, or empty when the score changes nothing people need to hear about */
    public synchronized Optional<Alert> onScore(Score score) {
        String fingerprint = Fingerprint.of(score.detector(), score.source(), score.entity(), score.labels());
        Track track = tracks.computeIfAbsent(fingerprint, f -> new Track(policy.ofLastWindows()));
        track.record(score);
        if (track.firing == null) {
            if (track.anomalousCount() < policy.anomalousWindows()) {
                return Optional.empty();
            }
            track.firing = fire(fingerprint, score, track);
            track.normalStreak = 0;
            return Optional.of(track.firing);
        }
        if (score.anomalous()) {
            track.normalStreak = 0;
            return Optional.empty();
        }
        if (++track.normalStreak < policy.recoveryWindows()) {
            return Optional.empty();
        }
        Alert resolved = track.firing.resolved(score.timestamp());
        track.firing = null;
        track.clear();
        return Optional.of(resolved);
    }

    private static Alert fire(String fingerprint, Score confirming, Track track) {
        Score strongest = track.strongest();
        String summary = String.format(Locale.ROOT, "%s %s is anomalous: %.4g vs expected %.4g", confirming.entity(),
                strongest.explanation().feature(), strongest.explanation().observed(), strongest.explanation().expected());
        return new Alert(UUID.randomUUID().toString(), fingerprint, AlertStatus.FIRING, Severity.of(strongest.score()),
                confirming.source(), confirming.entity(), confirming.detector(), track.firstAnomalousAt(), null, summary,
                strongest.explanation(), confirming.labels());
    }

    /** The last M scores of one fingerprint and its firing alert, if any. */
    private static final class Track {
        private final Score[] recent;
        private int next;
        Alert firing;
        int normalStreak;

        Track(int windows) {
            recent = new Score[windows];
        }

        void record(Score score) {
            recent[next] = score;
            next = (next + 1) % recent.length;
        }

        int anomalousCount() {
            int count = 0;
            for (Score s : recent) {
                if (s != null && s.anomalous()) {
                    count++;
                }
            }
            return count;
        }

        Score strongest() {
            Score best = null;
            for (Score s : recent) {
                if (s != null && s.anomalous() && (best == null || s.score() > best.score())) {
                    best = s;
                }
            }
            return best;
        }

        /** The start of the incident: the end of the earliest anomalous window remembered. */
        Instant firstAnomalousAt() {
            Instant first = null;
            for (Score s : recent) {
                if (s != null && s.anomalous() && (first == null || s.timestamp().isBefore(first))) {
                    first = s.timestamp();
                }
            }
            return first;
        }

        void clear() {
            java.util.Arrays.fill(recent, null);
        }
    }
}

package dev.vigil.alerting.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import dev.vigil.alerting.lifecycle.Transition.Told;
import dev.vigil.alerting.severity.SeverityRanking;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Score;
import dev.vigil.contracts.Severity;

/**
 * Turns a stream of scores into incidents. Per fingerprint it remembers the last M windows: N anomalous among them
 * fire one alert (pending until then), and nothing more is raised for that fingerprint while it fires (dedup) except
 * a severity upgrade, which is notified again (a downgrade is not: the alert keeps its highest severity and never
 * resolves for it); the alert resolves after the recovery count of consecutive normal windows. A fingerprint that
 * resolved stays pending for the {@link LifecyclePolicy#cooldown() cooldown} before it may fire again. One whose state
 * changes more than {@link LifecyclePolicy#flapMaxChanges()} times within the flap period is flapping: one firing
 * notice labelled {@code flapping=true}, then quiet until a whole period passes without a state change; it then
 * resolves the notice or, if still anomalous, notifies it again without the label. Event time throughout, except for
 * {@link #sweep}: an anomalous finding of a scorer in {@link LifecyclePolicy#fireAtOnce()} (a hard rule, a new error
 * template) fires without waiting for N of M; a firing fingerprint no longer scored at all resolves after
 * {@link LifecyclePolicy#resolveWhenQuiet()} and a quiet one that is not firing is forgotten after
 * {@link LifecyclePolicy#forgetAfter()}, both by the wall clock. Thread-safe.
 * <p>
 * Each score goes through the {@link LifecycleStages} (confirmation, fire at once, cooldown, flap detection, ranking),
 * which decide a {@link Transition}; this class keeps the fingerprints' tracks, applies the transition to its track
 * and makes the alert it tells.
 */
public final class AlertLifecycle {

    /** The label a flapping notice carries. */
    public static final String FLAPPING_LABEL = "flapping";

    private final ConfirmationPolicy policy;
    private final LifecyclePolicy lifecycle;
    private final Map<String, Track> tracks = new HashMap<>();
    private final LifecycleStages stages;
    private final Clock clock;

    /** N of M and recovery only, severity from the score alone: the behaviour before cooldown and flap detection. */
    public AlertLifecycle(ConfirmationPolicy policy) {
        this(policy, LifecyclePolicy.NONE, SeverityRanking.SCORE_ONLY);
    }

    public AlertLifecycle(ConfirmationPolicy policy, LifecyclePolicy lifecycle, SeverityRanking ranking) {
        this(policy, lifecycle, ranking, Clock.systemUTC());
    }

    /** @param clock the wall clock of {@link #sweep}'s quiet times, read when a score arrives */
    public AlertLifecycle(ConfirmationPolicy policy, LifecyclePolicy lifecycle, SeverityRanking ranking, Clock clock) {
        this.policy = Objects.requireNonNull(policy);
        this.lifecycle = Objects.requireNonNull(lifecycle);
        this.clock = Objects.requireNonNull(clock);
        this.stages = LifecycleStages.standard(policy, lifecycle, Objects.requireNonNull(ranking), tracks.values());
    }

    /** @return a new firing alert, an upgrade, a flapping notice, a resolved one, or empty when nobody needs to hear */
    public synchronized Optional<Alert> onScore(Score score) {
        String fingerprint = Fingerprint.of(score.detector(), score.source(), score.entity(), score.labels());
        if (!score.anomalous() && !tracks.containsKey(fingerprint)) {
            return Optional.empty(); // a fresh track would only remember one normal window: it would stay blank
        }
        Track track = tracks.computeIfAbsent(fingerprint, f -> new Track(score.source(), labelsOf(score),
                policy.ofLastWindows()));
        Instant at = score.timestamp();
        track.record(score);
        track.heardAt = clock.instant();
        track.forgetChangesBefore(at.minus(lifecycle.flapPeriod()));
        Optional<Alert> told = apply(stages.run(Transition.of(fingerprint, score, track)));
        if (track.blank()) {
            tracks.remove(fingerprint); // nothing to remember: a fresh track next time behaves the same
        }
        return told;
    }

    /** Changes the track as the transition says; returns the alert it tells, if any. */
    private Optional<Alert> apply(Transition t) {
        Track track = t.track();
        Instant at = t.at();
        Optional<Alert> told = switch (t.step()) {
            case PENDING -> Optional.empty();
            case FIRING -> {
                track.normalStreak = 0;
                yield Optional.empty();
            }
            case RECOVERING -> {
                track.normalStreak++;
                yield Optional.empty();
            }
            case UPGRADE -> {
                track.normalStreak = 0;
                track.open = track.open.withSeverity(t.severity());
                yield Optional.of(track.open);
            }
            case FIRE -> fire(t);
            case RESOLVE -> resolve(t);
        };
        if (!t.settles()) {
            return told;
        }
        track.flapping = false;
        Alert notice = track.open;
        if (track.on) {
            SortedMap<String, String> labels = new TreeMap<>(notice.labels());
            labels.remove(FLAPPING_LABEL);
            Score strongest = track.strongest() == null ? t.score() : track.strongest();
            track.open = new Alert(notice.id(), notice.fingerprint(), AlertStatus.FIRING, t.severity(), notice.source(),
                    notice.entity(), notice.detector(), notice.startsAt(), null, summary(t.score(), strongest),
                    notice.explanation(), labels);
            return Optional.of(track.open);
        }
        track.open = null;
        return Optional.of(notice.resolved(at));
    }

    private Optional<Alert> fire(Transition t) {
        Track track = t.track();
        track.on = true;
        track.normalStreak = 0;
        track.changes.add(t.at());
        if (t.told() == Told.NOT_AT_ALL) {
            return Optional.empty();
        }
        Score strongest = track.strongest();
        Score confirming = t.score();
        Alert fired = new Alert(UUID.randomUUID().toString(), t.fingerprint(), AlertStatus.FIRING, t.severity(),
                confirming.source(), confirming.entity(), confirming.detector(), track.firstAnomalousAt(), null,
                summary(confirming, strongest), strongest.explanation(), confirming.labels());
        if (t.told() == Told.AS_FLAPPING_NOTICE) {
            track.flapping = true;
            track.open = flappingNotice(fired, track);
        } else {
            track.open = fired;
        }
        return Optional.of(track.open);
    }

    private Optional<Alert> resolve(Transition t) {
        Track track = t.track();
        track.normalStreak++;
        track.on = false;
        track.resolvedAt = t.at();
        track.changes.add(t.at());
        track.clear();
        if (t.told() == Told.NOT_AT_ALL) {
            return Optional.empty();
        }
        if (t.told() == Told.AS_FLAPPING_NOTICE) {
            track.flapping = true;
            track.open = flappingNotice(track.open, track);
            return Optional.of(track.open);
        }
        Alert resolved = track.open.resolved(t.at());
        track.open = null;
        return Optional.of(resolved);
    }

    /**
     * Takes back an alert that was firing when Vigil stopped (from the alert store), so the incident goes on under
     * the same id instead of firing again as a new alert: its fingerprint fires, with no window remembered, and
     * resolves after the recovery count of normal windows. A flapping notice stays flapping until a whole flap
     * period after its start passes without a change. It is not resolved for being quiet until this process has
     * scored it once: in a cluster, an alert restored from the shared store may belong to another instance.
     */
    public synchronized void restore(Alert firing) {
        if (firing.status() != AlertStatus.FIRING) {
            throw new IllegalArgumentException("only a firing alert can be restored, got " + firing.status() + " " + firing.id());
        }
        Track track = tracks.computeIfAbsent(firing.fingerprint(), f -> new Track(firing.source(), labelsOf(firing),
                policy.ofLastWindows()));
        track.on = true;
        track.open = firing;
        track.normalStreak = 0;
        // not heard here yet: swept only once this process scores it, since in a cluster the alert may belong to the
        // partitions of another instance, which alone may tell its resolve
        if ("true".equals(firing.labels().get(FLAPPING_LABEL))) {
            track.flapping = true;
            track.changes.add(firing.startsAt());
        }
    }

    /**
     * What the wall clock says about fingerprints no longer scored: a firing one quiet for
     * {@link LifecyclePolicy#resolveWhenQuiet()} resolves (at the end of its last window) and is returned, to be told
     * like any resolve; one not firing, quiet for {@link LifecyclePolicy#forgetAfter()}, is forgotten. Call it on a
     * timer; a replay of history does not.
     */
    public synchronized List<Alert> sweep(Instant now) {
        List<Alert> resolved = new ArrayList<>();
        Iterator<Track> all = tracks.values().iterator();
        while (all.hasNext()) {
            Track track = all.next();
            if (track.on && track.quietFor(now, lifecycle.resolveWhenQuiet())) {
                track.on = false;
                track.flapping = false;
                track.resolvedAt = track.lastScoredAt;
                track.changes.add(track.lastScoredAt);
                track.clear();
                if (track.open != null) {
                    resolved.add(track.open.resolved(track.lastScoredAt));
                    track.open = null;
                }
            } else if (!track.on && track.quietFor(now, lifecycle.forgetAfter())) {
                all.remove();
            }
        }
        return resolved;
    }

    /** How many fingerprints the lifecycle remembers. */
    public synchronized int size() {
        return tracks.size();
    }

    /** Where a fingerprint is now. */
    public synchronized AlertState state(String fingerprint) {
        Track track = tracks.get(fingerprint);
        if (track == null) {
            return AlertState.INACTIVE;
        }
        if (track.on) {
            return AlertState.FIRING;
        }
        if (track.anomalousCount() > 0) {
            return AlertState.PENDING;
        }
        return track.resolvedAt != null ? AlertState.RESOLVED : AlertState.INACTIVE;
    }

    /** Whether a fingerprint is flapping (its notice sent, everything else held back until it settles). */
    public synchronized boolean flapping(String fingerprint) {
        Track track = tracks.get(fingerprint);
        return track != null && track.flapping;
    }

    private Alert flappingNotice(Alert base, Track track) {
        SortedMap<String, String> labels = new TreeMap<>(base.labels());
        labels.put(FLAPPING_LABEL, "true");
        String summary = String.format(Locale.ROOT, "%s is flapping: %d state changes within %s; quiet until it settles",
                base.entity(), track.changes.size(), lifecycle.flapPeriod());
        return new Alert(base.id(), base.fingerprint(), AlertStatus.FIRING, base.severity(), base.source(), base.entity(),
                base.detector(), base.startsAt(), null, summary, base.explanation(), labels);
    }

    private static String summary(Score confirming, Score strongest) {
        return String.format(Locale.ROOT, "%s %s is anomalous: %.4g vs expected %.4g", confirming.entity(),
                strongest.explanation().feature(), strongest.explanation().observed(), strongest.explanation().expected());
    }

    /** A score's labels with its detector, source and entity, as matchers and the severity ranking see them. */
    static Map<String, String> labelsOf(Score score) {
        return labelsOf(score.detector(), score.source(), score.entity(), score.labels());
    }

    private static Map<String, String> labelsOf(Alert alert) {
        Map<String, String> labels = labelsOf(alert.detector(), alert.source(), alert.entity(), alert.labels());
        labels.remove(FLAPPING_LABEL);
        return labels;
    }

    private static Map<String, String> labelsOf(String detector, String source, String entity, Map<String, String> own) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("detector", detector);
        labels.put("source", source);
        labels.put("entity", entity);
        labels.putAll(own);
        return labels;
    }
}

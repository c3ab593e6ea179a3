package dev.vigil.alerting.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
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

import dev.vigil.alerting.Alert;
import dev.vigil.alerting.AlertStatus;
import dev.vigil.alerting.Severity;
import dev.vigil.alerting.severity.SeverityRanking;
import dev.vigil.scoring.Finding;
import dev.vigil.scoring.Score;

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
 */
public final class AlertLifecycle {

    /** The label a flapping notice carries. */
    public static final String FLAPPING_LABEL = "flapping";

    private final ConfirmationPolicy policy;
    private final LifecyclePolicy lifecycle;
    private final SeverityRanking ranking;
    private final Map<String, Track> tracks = new HashMap<>();
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
        this.ranking = Objects.requireNonNull(ranking);
        this.clock = Objects.requireNonNull(clock);
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

        Optional<Alert> out = Optional.empty();
        if (!track.on) {
            boolean confirmed = track.anomalousCount() >= policy.anomalousWindows() || firesAtOnce(score);
            if (confirmed && track.cooledDown(at, lifecycle.cooldown())) {
                track.on = true;
                track.normalStreak = 0;
                track.changes.add(at);
                if (track.flapping) {
                    return Optional.empty();
                }
                Alert fired = fire(fingerprint, score, track);
                if (startsFlapping(track)) {
                    track.open = flappingNotice(fired, track);
                } else {
                    track.open = fired;
                }
                return Optional.of(track.open);
            }
        } else if (score.anomalous()) {
            track.normalStreak = 0;
            if (!track.flapping && track.open != null) {
                Severity now = severity(score, track);
                if (now.compareTo(track.open.severity()) > 0) {
                    track.open = track.open.withSeverity(now);
                    out = Optional.of(track.open);
                }
            }
        } else if (++track.normalStreak >= policy.recoveryWindows()) {
            track.on = false;
            track.resolvedAt = at;
            track.changes.add(at);
            track.clear();
            if (track.flapping) {
                return Optional.empty();
            }
            if (startsFlapping(track)) {
                track.open = flappingNotice(track.open, track);
                return Optional.of(track.open);
            }
            Alert resolved = track.open.resolved(at);
            track.open = null;
            return Optional.of(resolved);
        }
        if (track.flapping && track.settled(at, lifecycle.flapPeriod())) {
            track.flapping = false;
            Alert notice = track.open;
            if (track.on) {
                SortedMap<String, String> labels = new TreeMap<>(notice.labels());
                labels.remove(FLAPPING_LABEL);
                track.open = new Alert(notice.id(), notice.fingerprint(), AlertStatus.FIRING,
                        max(notice.severity(), severity(track.strongest() == null ? score : track.strongest(), track)),
                        notice.source(), notice.entity(), notice.detector(), notice.startsAt(), null,
                        summary(score, track.strongest() == null ? score : track.strongest()), notice.explanation(), labels);
                return Optional.of(track.open);
            }
            track.open = null;
            return Optional.of(notice.resolved(at));
        }
        if (track.blank()) {
            tracks.remove(fingerprint); // nothing to remember: a fresh track next time behaves the same
        }
        return out;
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
            if (track.on && quietFor(track, now, lifecycle.resolveWhenQuiet())) {
                track.on = false;
                track.flapping = false;
                track.resolvedAt = track.lastScoredAt;
                track.changes.add(track.lastScoredAt);
                track.clear();
                if (track.open != null) {
                    resolved.add(track.open.resolved(track.lastScoredAt));
                    track.open = null;
                }
            } else if (!track.on && quietFor(track, now, lifecycle.forgetAfter())) {
                all.remove();
            }
        }
        return resolved;
    }

    private static boolean quietFor(Track track, Instant now, Duration quiet) {
        return !quiet.isZero() && track.heardAt != null && !now.isBefore(track.heardAt.plus(quiet));
    }

    /** How many fingerprints the lifecycle remembers. */
    public synchronized int size() {
        return tracks.size();
    }

    /** An anomalous finding of a scorer whose findings need no confirmation. */
    private boolean firesAtOnce(Score score) {
        if (!score.anomalous() || lifecycle.fireAtOnce().isEmpty()) {
            return false;
        }
        for (Finding finding : score.explanation().findings()) {
            if (finding.anomalous() && lifecycle.fireAtOnce().contains(finding.scorer())) {
                return true;
            }
        }
        return false;
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

    private boolean startsFlapping(Track track) {
        if (!lifecycle.flapDetection() || track.changes.size() <= lifecycle.flapMaxChanges()) {
            return false;
        }
        track.flapping = true;
        return true;
    }

    private Alert flappingNotice(Alert base, Track track) {
        SortedMap<String, String> labels = new TreeMap<>(base.labels());
        labels.put(FLAPPING_LABEL, "true");
        String summary = String.format(Locale.ROOT, "%s is flapping: %d state changes within %s; quiet until it settles",
                base.entity(), track.changes.size(), lifecycle.flapPeriod());
        return new Alert(base.id(), base.fingerprint(), AlertStatus.FIRING, base.severity(), base.source(), base.entity(),
                base.detector(), base.startsAt(), null, summary, base.explanation(), labels);
    }

    private Alert fire(String fingerprint, Score confirming, Track track) {
        Score strongest = track.strongest();
        return new Alert(UUID.randomUUID().toString(), fingerprint, AlertStatus.FIRING, severity(strongest, track),
                confirming.source(), confirming.entity(), confirming.detector(), track.firstAnomalousAt(), null,
                summary(confirming, strongest), strongest.explanation(), confirming.labels());
    }

    private static String summary(Score confirming, Score strongest) {
        return String.format(Locale.ROOT, "%s %s is anomalous: %.4g vs expected %.4g", confirming.entity(),
                strongest.explanation().feature(), strongest.explanation().observed(), strongest.explanation().expected());
    }

    private Severity severity(Score score, Track track) {
        Map<String, String> labels = labelsOf(score);
        return ranking.severity(score.score(), labels, agreeingDimensions(score) + relatedFiring(track, labels));
    }

    private static int agreeingDimensions(Score score) {
        int agreeing = 0;
        for (Finding finding : score.explanation().findings()) {
            if (finding.anomalous()) {
                agreeing++;
            }
        }
        return Math.max(1, agreeing);
    }

    /** Other fingerprints of the same source firing now with the same values of the corroborate-by labels. */
    private int relatedFiring(Track self, Map<String, String> labels) {
        if (ranking.corroborateBy().isEmpty() || !labels.keySet().containsAll(ranking.corroborateBy())) {
            return 0;
        }
        int related = 0;
        for (Track other : tracks.values()) {
            if (other != self && other.on && other.source.equals(self.source)
                    && ranking.corroborateBy().stream().allMatch(k -> labels.get(k).equals(other.labels.get(k)))) {
                related++;
            }
        }
        return related;
    }

    private static Map<String, String> labelsOf(Score score) {
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

    private static Severity max(Severity a, Severity b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The last M scores of one fingerprint, its open alert (firing or flapping notice) and its recent state changes. */
    private static final class Track {
        private final Score[] recent;
        private int next;
        final String source;
        final Map<String, String> labels;
        /** Whether the N-of-M condition holds (fired, not yet recovered), whether or not it was notified. */
        boolean on;
        Alert open;
        int normalStreak;
        Instant resolvedAt;
        boolean flapping;
        final Deque<Instant> changes = new ArrayDeque<>();
        /** Wall clock of the last score, and the event time it was about. */
        Instant heardAt;
        Instant lastScoredAt;

        Track(String source, Map<String, String> labels, int windows) {
            recent = new Score[windows];
            this.source = source;
            this.labels = labels;
        }

        /**
         * Remembers an anomalous score, and a normal one as an empty slot: only anomalous ones are ever read back
         * (counted, the strongest, the first), and a normal window's explanation need not stay in memory.
         */
        void record(Score score) {
            lastScoredAt = score.timestamp();
            recent[next] = score.anomalous() ? score : null;
            next = (next + 1) % recent.length;
        }

        /**
         * Nothing that a fresh track would not have: no anomalous window remembered, not on, never resolved, no open
         * alert, no state change, not flapping. Most series of a fleet are normal all the time; they keep no track.
         */
        boolean blank() {
            if (on || open != null || resolvedAt != null || flapping || !changes.isEmpty()) {
                return false;
            }
            for (Score s : recent) {
                if (s != null) {
                    return false;
                }
            }
            return true;
        }

        void forgetChangesBefore(Instant horizon) {
            while (!changes.isEmpty() && changes.peekFirst().isBefore(horizon)) {
                changes.removeFirst();
            }
        }

        boolean cooledDown(Instant at, Duration cooldown) {
            return resolvedAt == null || !at.isBefore(resolvedAt.plus(cooldown));
        }

        /** A whole flap period with no state change. */
        boolean settled(Instant at, Duration period) {
            return changes.isEmpty() || !at.isBefore(changes.peekLast().plus(period));
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
            Arrays.fill(recent, null);
        }
    }
}

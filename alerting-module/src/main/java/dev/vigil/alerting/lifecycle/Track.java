package dev.vigil.alerting.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Map;

import dev.vigil.contracts.Alert;
import dev.vigil.contracts.Score;

/**
 * What the lifecycle remembers of one fingerprint: its last M scores (anomalous ones; a normal one as an empty slot),
 * whether it is on (N of M held and not yet recovered), the alert open for it (firing, or a flapping notice), its
 * recent state changes and when it was last scored. Mutable, changed only by {@link AlertLifecycle}; stages read it.
 */
final class Track {

    private final Score[] recent;
    private int next;
    final String source;
    /** Its labels with detector, source and entity, as matchers and the severity ranking see them. */
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
        this.recent = new Score[windows];
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

    /** A whole period with no state change. */
    boolean settled(Instant at, Duration period) {
        return changes.isEmpty() || !at.isBefore(changes.peekLast().plus(period));
    }

    int anomalousCount() {
        int count = 0;
        for (Score s : recent) {
            if (s != null) {
                count++;
            }
        }
        return count;
    }

    /** The strongest anomalous score remembered; {@code null} when none is. */
    Score strongest() {
        Score best = null;
        for (Score s : recent) {
            if (s != null && (best == null || s.score() > best.score())) {
                best = s;
            }
        }
        return best;
    }

    /** The start of the incident: the end of the earliest anomalous window remembered. */
    Instant firstAnomalousAt() {
        Instant first = null;
        for (Score s : recent) {
            if (s != null && (first == null || s.timestamp().isBefore(first))) {
                first = s.timestamp();
            }
        }
        return first;
    }

    void clear() {
        Arrays.fill(recent, null);
    }

    /** Whether the wall clock has not heard of it for {@code quiet} (0: never). */
    boolean quietFor(Instant now, Duration quiet) {
        return !quiet.isZero() && heardAt != null && !now.isBefore(heardAt.plus(quiet));
    }
}

package dev.vigil.alerting.lifecycle;

import java.time.Instant;

import dev.vigil.contracts.Score;
import dev.vigil.contracts.Severity;

/**
 * What one score means for its fingerprint, as the stages decide it: each stage takes one and returns a new one, and
 * the lifecycle applies the last to the fingerprint's {@link Track}.
 *
 * @param step     where the fingerprint goes
 * @param severity what the alert it tells is ranked ({@code null} while nothing is told)
 * @param told     how a fire or a resolve is told: plainly, as a flapping notice, or not at all (flapping)
 * @param settles  whether a flapping fingerprint has gone a whole flap period without a change: it is then told as
 *                 it stands (firing again without the flapping label, or resolved)
 */
record Transition(String fingerprint, Score score, Track track, Step step, Severity severity, Told told,
        boolean settles) {

    /** Where a fingerprint goes with one score. */
    enum Step {
        /** Not firing and not to fire: nothing confirmed yet, or held back by the cooldown. */
        PENDING,
        /** Not firing, and now confirmed: it fires. */
        FIRE,
        /** Firing, anomalous again: nothing new. */
        FIRING,
        /** Firing, anomalous at a higher severity than told: told again. */
        UPGRADE,
        /** Firing, normal, not yet for the recovery count. */
        RECOVERING,
        /** Firing, normal for the recovery count: it resolves. */
        RESOLVE
    }

    /** How a change is told. */
    enum Told {
        PLAINLY, AS_FLAPPING_NOTICE, NOT_AT_ALL
    }

    static Transition of(String fingerprint, Score score, Track track) {
        return new Transition(fingerprint, score, track, Step.PENDING, null, Told.PLAINLY, false);
    }

    Instant at() {
        return score.timestamp();
    }

    Transition to(Step next) {
        return new Transition(fingerprint, score, track, next, severity, told, settles);
    }

    Transition ranked(Severity rank) {
        return new Transition(fingerprint, score, track, step, rank, told, settles);
    }

    Transition told(Told how) {
        return new Transition(fingerprint, score, track, step, severity, how, settles);
    }

    Transition settling() {
        return new Transition(fingerprint, score, track, step, severity, told, true);
    }
}

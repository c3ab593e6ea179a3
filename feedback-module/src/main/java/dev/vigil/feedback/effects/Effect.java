package dev.vigil.feedback.effects;

import java.time.Instant;
import java.util.List;

/**
 * What one answer changed.
 *
 * @param id         its row id (0 before it is stored)
 * @param kind       {@link #BASELINE_RESET}, {@link #SILENCE_PROPOSED}, {@link #SILENCE_CREATED} or {@link #THRESHOLD_RAISED}
 * @param detail     one sentence a person reads
 * @param matchers   a silence's matchers (proposed or created), else empty
 * @param startsAt   a silence's start, else null
 * @param endsAt     a silence's end, else null
 * @param silenceId  the silence created, else null
 */
public record Effect(long id, long feedbackId, String alertId, String kind, String detail, List<String> matchers,
        Instant startsAt, Instant endsAt, String silenceId, Instant createdAt) {

    public static final String BASELINE_RESET = "baseline-reset";
    public static final String SILENCE_PROPOSED = "silence-proposed";
    public static final String SILENCE_CREATED = "silence-created";
    public static final String THRESHOLD_RAISED = "threshold-raised";

    public Effect {
        matchers = List.copyOf(matchers);
    }

    Effect withId(long stored) {
        return new Effect(stored, feedbackId, alertId, kind, detail, matchers, startsAt, endsAt, silenceId, createdAt);
    }
}

package dev.vigil.contracts;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How strict a detector is now: its threshold, a factor on the limit of its deciding finding (1 = as configured).
 * With factor {@code k}, a window whose strongest finding lies {@code r} times beyond its limit scores
 * {@code (r / k) / (1 + r / k)} and is anomalous from {@code r >= k}: 0.5 stays the decision boundary on the score
 * scale, and a factor of 1.5 asks every finding to lie one and a half times beyond its limit before it counts. On the
 * raw scale (the score without a factor) that is a score threshold of {@code k / (1 + k)}: 0.6 for 1.5.
 * <p>
 * One factor for the whole detector and, where set, a factor of its own for single entities (an entity with its own
 * alert budget, a fingerprint with repeated false alarms), which replaces the detector's. Each carries the reason it
 * was set, which the detector writes into the explanation of every anomalous window it changed the verdict of or
 * judged by another factor than 1. Changes apply to the next window scored. Thread-safe.
 */
public final class ThresholdFactors {

    /** The reason a factor pinned in the detectors file gives. */
    public static final String PINNED_IN_FILE = "pinned in the detectors file";

    /**
     * A factor in force and why it is what it is.
     *
     * @param value  positive and finite; 1 judges findings against their configured limits
     * @param reason one line a person reads in the alert, e.g. {@code "alert budget 10/day, set by the tuning job on 2026-12-03"}
     */
    public record Factor(double value, String reason) {

        /** The configured limits, unchanged. */
        public static final Factor NONE = new Factor(1, "");

        public Factor {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("a threshold factor must be a positive number, got " + value);
            }
            reason = reason == null ? "" : reason;
        }

        /** The line an anomalous window's explanation carries: {@code "threshold ×1.50 (reason)"}. */
        public String explain() {
            return "threshold ×" + Numbers.fixed(value, 2) + " on every limit" + (reason.isEmpty() ? "" : " (" + reason + ")");
        }
    }

    private volatile Factor detector = Factor.NONE;
    private final Map<String, Factor> entities = new ConcurrentHashMap<>();

    /** The factor an entity is judged with: its own if it has one, else the detector's. */
    public Factor of(String entity) {
        Factor own = entities.isEmpty() ? null : entities.get(entity);
        return own == null ? detector : own;
    }

    /** The detector's factor, for entities without one of their own. */
    public Factor detector() {
        return detector;
    }

    public void setDetector(Factor factor) {
        detector = factor;
    }

    /** Gives an entity a factor of its own; {@code null} gives it the detector's again. */
    public void setEntity(String entity, Factor factor) {
        if (factor == null) {
            entities.remove(entity);
        } else {
            entities.put(entity, factor);
        }
    }

    /** The entities with a factor of their own, as of now. */
    public Map<String, Factor> entities() {
        return Map.copyOf(entities);
    }
}

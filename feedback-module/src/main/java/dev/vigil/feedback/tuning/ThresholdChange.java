package dev.vigil.feedback.tuning;

import java.time.Instant;

/**
 * One change of a threshold factor, as the audit trail keeps it.
 *
 * @param id        its row id, increasing in the order changes were made (0 before it is stored)
 * @param entity    {@link #DETECTOR} for the detector's own factor, else the entity that has one of its own
 * @param pinned    whether the tuning job must leave the factor alone from now on
 * @param changedBy {@link #BY_JOB}, {@link #BY_FEEDBACK}, {@link #BY_FILE} or {@code api:<key name>} for a change by hand
 */
public record ThresholdChange(long id, String detector, String entity, double oldFactor, double newFactor,
        boolean pinned, String reason, String changedBy, Instant changedAt) {

    /** The entity of a detector-wide factor. */
    public static final String DETECTOR = "";
    public static final String BY_JOB = "tuning-job";
    public static final String BY_FEEDBACK = "feedback";
    public static final String BY_FILE = "detectors-file";

    public boolean detectorWide() {
        return entity.isEmpty();
    }

    ThresholdChange withId(long stored) {
        return new ThresholdChange(stored, detector, entity, oldFactor, newFactor, pinned, reason, changedBy, changedAt);
    }
}

package dev.vigil.feedback.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What {@code GET /api/report} answers and {@code ./vigil report} prints: per detector, alerts per day against its
 * budget, precision from feedback, recall on confirmed incidents and the history of its threshold. The JSON is a
 * contract (feedback-module/README.md documents every field): fields are added, never renamed or removed, and
 * {@link #VERSION} says which form this is.
 *
 * @param days the length of {@code [from, to)} in days
 */
public record Report(int version, Instant generatedAt, Instant from, Instant to, double days,
        List<DetectorReport> detectors) {

    public static final int VERSION = 1;

    /**
     * @param budget       null when the detector has none
     * @param alerts       alerts that started in the period (upgrades and flapping notices are the same alert)
     * @param withinBudget null without a budget
     * @param perDay       every UTC day of the period, days without alerts included
     * @param precision    true incidents / (true incidents + false alarms + expected + new normal) of the answered
     *                     alerts; null when none of those was answered. Duplicates are not counted either way.
     */
    public record DetectorReport(String detector, Budget budget, int alerts, double alertsPerDay,
            Boolean withinBudget, List<Day> perDay, Verdicts feedback, Double precision, Recall recall,
            Threshold threshold, List<Change> thresholdHistory) {
    }

    /** The detectors file's budget. */
    public record Budget(double alertsPerDay, List<EntityBudget> entities) {
    }

    public record EntityBudget(String glob, double alertsPerDay) {
    }

    /** @param budget the detector's budget, null without one */
    public record Day(LocalDate day, int alerts, Double budget) {
    }

    /** How the period's alerts were answered (their current verdict). */
    public record Verdicts(int answered, int unanswered, int trueIncident, int falseAlarm, int expected, int newNormal,
            int duplicate) {
    }

    /**
     * Recall on confirmed incidents: of the period's alerts answered true incident, those whose stored windows
     * ({@code replayed}) still raise an alert when replayed at the thresholds in force now.
     *
     * @param value alertingNow / replayed, null when nothing could be replayed
     */
    public record Recall(int confirmedIncidents, int replayed, int alertingNow, Double value) {
    }

    /** The threshold in force now: the detector's factor and those of entities with one of their own. */
    public record Threshold(double factor, boolean pinned, String reason, List<EntityThreshold> entities) {
    }

    public record EntityThreshold(String entity, double factor, boolean pinned, String reason) {
    }

    /** One change of the detector's (or one entity's, {@code entity} non-null) threshold factor. */
    public record Change(long id, Instant at, String entity, double from, double to, boolean pinned, String reason,
            String by) {
    }
}

package dev.vigil.feedback;

import java.util.List;
import java.util.Optional;

import dev.vigil.contracts.AlertBudget;
import dev.vigil.contracts.ThresholdFactors;

/**
 * The detectors scoring now, as the application assembled them: what feedback changes (a threshold, a baseline reset)
 * and what tuning and the report read. The deploy module provides it from the detection engine.
 */
public interface LiveDetectors {

    /**
     * One detector, as feedback sees it.
     *
     * @param budget     its alert budget from the detectors file; {@code null} when it has none
     * @param thresholds its threshold factors in force, which tuning and verdicts change
     * @param baseline   forgets what its series of one entity have learned (the "new normal" verdict)
     */
    record LiveDetector(String name, AlertBudget budget, ThresholdFactors thresholds, BaselineReset baseline) {
    }

    /** Forgets what a detector's series of one entity learned; returns how many series were forgotten. */
    @FunctionalInterface
    interface BaselineReset {
        int forget(String source, String entity);
    }

    /** Every detector, in the order of the detectors file. */
    List<LiveDetector> all();

    default Optional<LiveDetector> named(String name) {
        return all().stream().filter(d -> d.name().equals(name)).findFirst();
    }
}

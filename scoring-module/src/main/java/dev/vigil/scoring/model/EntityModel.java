package dev.vigil.scoring.model;

import java.io.DataOutput;
import java.io.IOException;

/**
 * What one entity has learned for one detector kind (a forest of its recent patterns, its nearest-neighbour history):
 * the model half of EGADS' model / detector split. A model judges an entity's values against what it has learned,
 * then learns them; it knows nothing of limits, likelihoods or explanations, which its {@link ModelKind} and the
 * {@link Ensemble} add. A new kind of detector is a new model and kind, not an edit of the series' statistics, the
 * scorers and the snapshot format together.
 * <p>
 * Values come one time step at a time, one per feature of the entity (a series: one), in the order of the entity's
 * features; {@code NaN} marks a feature the step lacks. Not thread-safe: the {@link Ensemble} calls a model under its
 * entity's monitor.
 */
public interface EntityModel {

    /**
     * How unusual the values are against what the model has learned, before learning them: a raw score, non-negative,
     * larger is more unusual, in the model's own units (its likelihood puts them on a common scale).
     *
     * @return {@code NaN} while the model has not learned enough to judge
     */
    double score(double[] values);

    /**
     * How much each feature drove the last {@link #score}, as signed shares (positive: the feature was above what the
     * model expects, negative: below) whose magnitudes add up to 1; asked only of a score that decides an alarm.
     */
    double[] attribution(double[] values);

    /** Learns the values, after {@link #score}. */
    void learn(double[] values);

    /** Writes what it has learned; {@link ModelKind#read} reads it back into an equal model. */
    void write(DataOutput out) throws IOException;
}

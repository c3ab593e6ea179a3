package dev.vigil.scoring.model;

import java.io.DataInput;
import java.io.IOException;

/**
 * A kind of model-backed detector with its parameters, as the detectors file configures it: builds each entity's
 * {@link EntityModel}, reads one back from a snapshot, and says in words what a raw score of it means.
 */
public interface ModelKind {

    /** The name in the detectors file and in findings: {@code rcf}, {@code knn}. */
    String name();

    /**
     * Whether one model judges all of an entity's features together (a forest over a host's metrics), or each feature
     * has a model of its own.
     */
    boolean multivariate();

    /** The parameters, written into the snapshot's spec: a snapshot of other parameters is not restored. */
    String spec();

    /**
     * A new model for an entity.
     *
     * @param dimensions features the model sees per step (1 for a model of one feature)
     * @param seed       for the model's randomness, derived from the entity, so a replay gives the same scores
     */
    EntityModel create(int dimensions, long seed);

    /** Reads a model written by {@link EntityModel#write} of a model of this kind, with these parameters. */
    EntityModel read(DataInput in, int dimensions) throws IOException;

    /** What a raw score means, for an explanation: {@code "forest score 2.9"}. */
    String describe(double raw);
}

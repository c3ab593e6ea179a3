package dev.vigil.scoring;

import java.util.Set;

import dev.vigil.contracts.Finding;
import dev.vigil.features.state.StateSpec;
import dev.vigil.features.state.StatisticKind;

/**
 * Scores one feature value of one entity against what its state says is normal. Scorers are stateless objects
 * shared by every series; what a scorer must remember per series (CUSUM's sums, a warm-up count) lives in the
 * series' own slots, so it is bounded, evicted with the series and snapshotted with it.
 * <p>
 * A scorer also declares which statistics it reads beyond the ones every state keeps (rolling window, EWMA), so a
 * {@link Detector} asks its series to learn only what its scorers need ({@link StateSpec}).
 */
public interface Scorer {

    String name();

    /** Doubles of per-series memory this scorer needs; 0 for a scorer that reads only the series' statistics. */
    default int stateSlots() {
        return 0;
    }

    /**
     * The statistics this scorer reads beyond the ones every series keeps (rolling window, EWMA, trend), through
     * {@link dev.vigil.features.state.SeriesView#statistic}: a series of its detector learns them, and only them.
     */
    default Set<StatisticKind<?>> reads() {
        return Set.of();
    }

    /**
     * Called once per value, in time order for each series, before the value is learned.
     *
     * @param slots this series' memory for this scorer, {@link #stateSlots()} long, all zero for a new series; the
     *              scorer reads and updates it in place
     */
    Finding score(ScoringInput input, double[] slots);
}

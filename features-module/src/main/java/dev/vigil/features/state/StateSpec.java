package dev.vigil.features.state;

import java.util.Comparator;
import java.util.List;

/**
 * What a series' state learns, decided by the detectors that read it, so a series keeps only the memory its
 * scorers need.
 *
 * @param window      values kept in the rolling window (mean, std, median, MAD); at least 2
 * @param ewmaAlpha   weight of the newest value in the EWMA and trend, in (0, 1]
 * @param statistics  what the series learns beyond the window, EWMA, trend and interval every series keeps (a quantile
 *                    sketch, a seasonal profile), each once, in the order of their names
 * @param scorerSlots doubles of per-series state the scorers keep (CUSUM's sums), owned by them and snapshotted with
 *                    the rest
 */
public record StateSpec(int window, double ewmaAlpha, List<StatisticKind<?>> statistics, int scorerSlots) {

    public StateSpec {
        if (window < 2) {
            throw new IllegalArgumentException("window must be at least 2 values, got " + window);
        }
        if (!(ewmaAlpha > 0 && ewmaAlpha <= 1)) {
            throw new IllegalArgumentException("ewma alpha must be in (0, 1], got " + ewmaAlpha);
        }
        if (scorerSlots < 0) {
            throw new IllegalArgumentException("scorer slots must not be negative, got " + scorerSlots);
        }
        // one order for one set, so equal needs make equal specs and snapshots
        statistics = statistics.stream().distinct().sorted(Comparator.comparing(StatisticKind::name)).toList();
    }

    /** A spec that keeps only what every series keeps, plus the scorers' slots. */
    public StateSpec(int window, double ewmaAlpha, int scorerSlots) {
        this(window, ewmaAlpha, List.of(), scorerSlots);
    }
}

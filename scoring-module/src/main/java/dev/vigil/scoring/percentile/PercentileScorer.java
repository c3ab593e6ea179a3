package dev.vigil.scoring.percentile;

import java.util.Set;

import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Numbers;
import dev.vigil.features.state.DecayingQuantiles;
import dev.vigil.features.state.StatisticKind;
import dev.vigil.scoring.Deviation;
import dev.vigil.scoring.Scorer;
import dev.vigil.scoring.ScoringInput;

/**
 * Percentile fences, Tukey's rule on the series' quantile sketch: with {@code lo = quantile(low)},
 * {@code hi = quantile(high)} and the inter-quantile spread {@code w = hi - lo} (floored), the statistic is
 * {@code (x - hi) / w} above the band, {@code (lo - x) / w} below it and 0 inside. With the defaults (quartiles,
 * limit 3) that is Tukey's "far out" fence {@code Q3 + 3·IQR}, about 4.7σ for normal data. It assumes no shape,
 * so it suits skewed series (latencies, sizes) where a symmetric sigma misleads; the sketch covers the series'
 * whole life, so it judges against everything seen, not only the rolling window. It stays quiet until the series
 * has {@code 2 / min(low, 1 - high)} values (8 for quartiles, 200 for p1..p99), so a tail quantile is a real tail.
 */
public final class PercentileScorer implements Scorer {

    public static final String NAME = "percentile";
    public static final double DEFAULT_LOW = 0.25;
    public static final double DEFAULT_HIGH = 0.75;
    public static final double DEFAULT_LIMIT = 3.0;

    private final double low;
    private final double high;
    private final double limit;
    private final String lowName;
    private final String highName;
    private final String limitText;
    private final long minValues;

    /**
     * @param low   the lower quantile, in [0, high)
     * @param high  the upper quantile, in (low, 1]
     * @param limit distance beyond the band, in inter-quantile spreads, at which a value is anomalous
     */
    public PercentileScorer(double low, double high, double limit) {
        if (!(low >= 0 && low < high && high <= 1)) {
            throw new IllegalArgumentException("percentile needs 0 <= low < high <= 1, got low=" + low + " high=" + high);
        }
        this.low = low;
        this.high = high;
        this.limit = Deviation.positiveLimit(NAME, limit);
        this.lowName = percent(low);
        this.highName = percent(high);
        this.limitText = " (percentile, limit " + Numbers.fixed(limit, 1) + " spreads)";
        // a tail quantile means something once at least two values lie beyond it: p99 of 50 values is just the max
        double tail = Math.min(low, 1 - high);
        this.minValues = tail > 0 ? (long) Math.ceil(2 / tail) : 2;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<StatisticKind<?>> reads() {
        return Set.of(DecayingQuantiles.KIND);
    }

    @Override
    public Finding score(ScoringInput input, double[] slots) {
        DecayingQuantiles quantiles = input.baseline().statistic(DecayingQuantiles.KIND);
        double lo = quantiles.quantile(low);
        double hi = quantiles.quantile(high);
        if (Double.isNaN(lo) || Double.isNaN(hi) || input.baseline().count() < minValues) {
            return Deviation.notLearned(NAME, input.feature(), "p" + lowName + "..p" + highName + " (" + minValues
                    + " values)", limit);
        }
        double spread = input.floored(hi - lo);
        double x = input.value();
        if (x >= lo && x <= hi) {
            return new Finding(NAME, 0, limit, input.feature() + " observed " + Numbers.significant(x, 4) + " within p"
                    + lowName + "..p" + highName + " [" + Numbers.significant(lo, 4) + ", " + Numbers.significant(hi, 4)
                    + "]" + limitText);
        }
        boolean above = x > hi;
        double statistic = (above ? x - hi : lo - x) / spread;
        return new Finding(NAME, statistic, limit, input.feature() + " observed " + Numbers.significant(x, 4) + " vs p"
                + (above ? highName : lowName) + " " + Numbers.significant(above ? hi : lo, 4) + ": "
                + Numbers.fixed(statistic, 1) + " inter-quantile spreads (" + Numbers.significant(spread, 4) + ") "
                + (above ? "above" : "below") + limitText);
    }

    private static String percent(double q) {
        return Numbers.significant(q * 100, 4).replaceAll("\\.?0+$", "");
    }
}

package dev.vigil.scoring.config;

import java.util.List;

import dev.vigil.features.state.Seasonality;
import dev.vigil.scoring.config.ScorerCatalogue.Parameter;
import dev.vigil.scoring.config.ScorerCatalogue.ScorerType;
import dev.vigil.scoring.cusum.CusumScorer;
import dev.vigil.scoring.ewma.EwmaScorer;
import dev.vigil.scoring.percentile.PercentileScorer;
import dev.vigil.scoring.robustz.RobustZScorer;
import dev.vigil.scoring.seasonal.SeasonalScorer;
import dev.vigil.scoring.z.ZScorer;

import static dev.vigil.scoring.config.ScorerCatalogue.Parameter.choice;
import static dev.vigil.scoring.config.ScorerCatalogue.Parameter.number;

/** The scorer types a configuration may name, their parameters with defaults and ranges, and how each is built. */
final class ScorerTypes {

    private static final double LIMIT_MAX = 1e6;

    static final List<ScorerType> ALL = List.of(
            new ScorerType(ZScorer.NAME, List.of(number("threshold", ZScorer.DEFAULT_LIMIT, 1e-9, LIMIT_MAX)),
                    d -> new ZScorer(d.number("threshold"))),
            new ScorerType(RobustZScorer.NAME, List.of(number("threshold", RobustZScorer.DEFAULT_LIMIT, 1e-9, LIMIT_MAX)),
                    d -> new RobustZScorer(d.number("threshold"))),
            new ScorerType(EwmaScorer.NAME, List.of(number("threshold", EwmaScorer.DEFAULT_LIMIT, 1e-9, LIMIT_MAX)),
                    d -> new EwmaScorer(d.number("threshold"))),
            new ScorerType(CusumScorer.NAME, List.of(
                    number("k", CusumScorer.DEFAULT_K, 0, 100),
                    number("h", CusumScorer.DEFAULT_H, 1e-9, LIMIT_MAX),
                    number("warm-up", CusumScorer.DEFAULT_WARM_UP, 0, 1_000_000)),
                    d -> new CusumScorer(d.number("k"), d.number("h"), (int) d.number("warm-up"))),
            new ScorerType(SeasonalScorer.NAME, List.of(
                    choice("period", "hour-of-day", "hour-of-day", "hour-of-week"),
                    number("threshold", SeasonalScorer.DEFAULT_LIMIT, 1e-9, LIMIT_MAX),
                    number("min-bucket-values", SeasonalScorer.DEFAULT_MIN_BUCKET_VALUES, 1, 1_000_000)),
                    d -> new SeasonalScorer(d.text("period").equals("hour-of-week") ? Seasonality.HOUR_OF_WEEK
                            : Seasonality.HOUR_OF_DAY, d.number("threshold"), (int) d.number("min-bucket-values"))),
            new ScorerType(PercentileScorer.NAME, List.of(
                    number("low", PercentileScorer.DEFAULT_LOW, 0, 1),
                    number("high", PercentileScorer.DEFAULT_HIGH, 0, 1),
                    number("threshold", PercentileScorer.DEFAULT_LIMIT, 1e-9, LIMIT_MAX)),
                    d -> new PercentileScorer(d.number("low"), d.number("high"), d.number("threshold"))));

    private ScorerTypes() {
    }
}

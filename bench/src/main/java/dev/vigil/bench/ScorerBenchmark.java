package dev.vigil.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import dev.vigil.features.FeatureVector;
import dev.vigil.features.state.SeriesState;
import dev.vigil.features.state.StateSpec.Seasonality;
import dev.vigil.scoring.BaselineSettings;
import dev.vigil.scoring.Combination;
import dev.vigil.scoring.Detector;
import dev.vigil.scoring.FeatureKind;
import dev.vigil.scoring.Score;
import dev.vigil.scoring.Scorer;
import dev.vigil.scoring.cusum.CusumScorer;
import dev.vigil.scoring.ewma.EwmaScorer;
import dev.vigil.scoring.percentile.PercentileScorer;
import dev.vigil.scoring.robustz.RobustZScorer;
import dev.vigil.scoring.seasonal.SeasonalScorer;
import dev.vigil.scoring.z.ZScorer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One window of one series through a {@link Detector}: look up the series' state, score the value with the
 * detector's scorers against the state, combine, explain, learn the value. {@code evaluate} measures that per scorer
 * (each alone, {@code default} is robust z + CUSUM as deployed, {@code rss3} three features of one entity combined);
 * {@code learnOnly} is the state update for the same state spec plus one median read (the window sorts lazily, on the
 * first read after a learn, and every detector reads it), in the same run, so the scorers' own share is the difference. Run with {@code -prof gc} for bytes allocated per event. Windows cycle through 4096 prepared
 * hourly values (Gaussian noise, a daily shape, an occasional spike), so the seasonal buckets and branches vary.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class ScorerBenchmark {

    private static final int WINDOWS = 4096;
    private static final List<String> FEATURES = List.of("requests", "errors", "latency");

    @Param({ "z", "robust-z", "ewma", "cusum", "seasonal", "percentile", "default", "rss3" })
    public String scorer;

    private Detector detector;
    private FeatureVector[] windows;
    private SeriesState learnOnlyState;
    private double[] values;
    private Instant[] starts;
    private int next;

    @Setup
    public void prepare() {
        boolean rss = scorer.equals("rss3");
        List<String> features = rss ? FEATURES : FEATURES.subList(0, 1);
        detector = new Detector("bench", features, FeatureKind.GAUGE, BaselineSettings.defaults(10), scorers(),
                rss ? Combination.rss(4) : Combination.max());
        SplittableRandom random = new SplittableRandom(42);
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        windows = new FeatureVector[WINDOWS];
        values = new double[WINDOWS];
        starts = new Instant[WINDOWS];
        for (int i = 0; i < WINDOWS; i++) {
            starts[i] = start.plus(Duration.ofHours(i));
            double daily = 50 * Math.sin(2 * Math.PI * (i % 24) / 24);
            values[i] = 200 + daily + 5 * random.nextGaussian() + (random.nextInt(200) == 0 ? 80 : 0);
            Map<String, Double> row = rss
                    ? Map.of("requests", values[i], "errors", values[i] / 20, "latency", 400 - values[i])
                    : Map.of("requests", values[i]);
            windows[i] = new FeatureVector("bench", "host-1", new TreeMap<>(Map.of("dc", "eu-1")), starts[i],
                    starts[i].plus(Duration.ofHours(1)), row);
        }
        learnOnlyState = new SeriesState(detector.spec());
        // past the warm-up, so every measured call scores
        for (int i = 0; i < 200; i++) {
            evaluate();
            learnOnly();
        }
    }

    private List<Scorer> scorers() {
        return switch (scorer) {
            case "z" -> List.of(new ZScorer(ZScorer.DEFAULT_LIMIT));
            case "robust-z" -> List.of(new RobustZScorer(RobustZScorer.DEFAULT_LIMIT));
            case "ewma" -> List.of(new EwmaScorer(EwmaScorer.DEFAULT_LIMIT));
            case "cusum" -> List.of(new CusumScorer(CusumScorer.DEFAULT_K, CusumScorer.DEFAULT_H));
            case "seasonal" -> List.of(new SeasonalScorer(Seasonality.HOUR_OF_DAY, SeasonalScorer.DEFAULT_LIMIT,
                    SeasonalScorer.DEFAULT_MIN_BUCKET_VALUES));
            case "percentile" -> List.of(new PercentileScorer(PercentileScorer.DEFAULT_LOW,
                    PercentileScorer.DEFAULT_HIGH, PercentileScorer.DEFAULT_LIMIT));
            case "default", "rss3" -> List.of(new RobustZScorer(RobustZScorer.DEFAULT_LIMIT),
                    new CusumScorer(CusumScorer.DEFAULT_K, CusumScorer.DEFAULT_H));
            default -> throw new IllegalArgumentException("unknown scorer " + scorer);
        };
    }

    @Benchmark
    public Optional<Score> evaluate() {
        FeatureVector window = windows[next];
        next = (next + 1) & (WINDOWS - 1);
        return detector.evaluate(window);
    }

    @Benchmark
    public double learnOnly() {
        int i = next;
        next = (next + 1) & (WINDOWS - 1);
        learnOnlyState.learn(starts[i], values[i]);
        return learnOnlyState.median();
    }
}

package dev.vigil.bench;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import dev.vigil.contracts.FeatureVector;
import dev.vigil.contracts.Score;
import dev.vigil.features.state.SeriesState;
import dev.vigil.scoring.Detector;
import dev.vigil.scoring.config.DetectorConfigLoader;
import dev.vigil.scoring.config.DetectorDefinition;
import dev.vigil.scoring.config.DetectorFactory;
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
 * (each alone with its defaults, {@code default} the shipped {@code metric-baseline} from default-detectors.yaml,
 * {@code rss3} robust z + CUSUM on three features of one entity combined);
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
        detector = DetectorFactory.create(definition(), features);
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

    /** Built as the configuration builds it, so the names and defaults are the catalogue's, not a copy of them. */
    private DetectorDefinition definition() {
        DetectorConfigLoader loader = new DetectorConfigLoader();
        if (scorer.equals("default")) {
            return loader.loadDefault().get(0);
        }
        String yaml = scorer.equals("rss3")
                ? "detectors:\n  bench:\n    stream: metrics\n    group: [requests, errors, latency]\n"
                        + "    scorers: {robust-z: {}, cusum: {}}\n    combine: {rss: {threshold: 4}}\n"
                : "detectors:\n  bench:\n    stream: metrics\n    scorers: {" + scorer + ": {}}\n";
        return loader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "bench").get(0);
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

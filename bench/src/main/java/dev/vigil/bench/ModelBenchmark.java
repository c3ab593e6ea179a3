package dev.vigil.bench;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import dev.vigil.contracts.FeatureVector;
import dev.vigil.contracts.Score;
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
 * What a model-backed detector costs per point: one window of one entity through {@link Detector#evaluate} (its
 * scorers, each model's score and learning, every member's likelihood, the combination and the explanation), past
 * every warm-up. {@code kind}: {@code statistics} the percentile scorer alone judged by its likelihood (the baseline:
 * no model), {@code rcf} a forest alone, {@code knn} nearest-neighbour conformal alone, {@code context} contextual novelty alone, {@code default} the shipped
 * {@code metric-baseline} (percentile and a forest of 16 windows), {@code group10} a forest over an open group of ten
 * metrics of one host (one point = one window of the ten). Windows cycle through 4096 prepared values of a noisy
 * daily wave with the odd spike. {@link StateSize#main} reports the bytes each entity keeps and how many fit in 1 GB.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class ModelBenchmark {

    private static final int WINDOWS = 4096;
    static final List<String> KINDS = List.of("statistics", "rcf", "knn", "context", "default", "group10");

    @Param({ "statistics", "rcf", "knn", "context", "default", "group10" })
    public String kind;

    private Detector detector;
    private FeatureVector[] windows;
    private int next;

    @Setup
    public void prepare() {
        detector = DetectorFactory.create(definition(kind));
        windows = windows("host-1", kind.equals("group10") ? 10 : 1, WINDOWS, 42);
        for (int i = 0; i < 2 * WINDOWS; i++) {
            evaluate(); // past the forest's and the likelihood's warm-up, so every measured call scores
        }
    }

    @Benchmark
    public Optional<Score> evaluate() {
        FeatureVector window = windows[next];
        next = (next + 1) & (WINDOWS - 1);
        return detector.evaluate(window);
    }

    /** Built from the detectors file's own keys, so parameters and defaults are the catalogue's. */
    static DetectorDefinition definition(String kind) {
        DetectorConfigLoader loader = new DetectorConfigLoader();
        if (kind.equals("default")) {
            return loader.loadDefault().get(0);
        }
        String body = switch (kind) {
            case "statistics" -> "    scorers: {percentile: {low: 0.005, high: 0.995}}\n    likelihood: {}\n";
            case "rcf" -> "    models: {rcf: {shingle: 16}}\n";
            case "knn" -> "    models: {knn: {}}\n";
            case "context" -> "    models: {context: {}}\n";
            case "group10" -> "    group: ['*']\n    models: {rcf: {shingle: 16}}\n";
            default -> throw new IllegalArgumentException("no kind " + kind);
        };
        String yaml = "detectors:\n  bench:\n    stream: metrics\n" + body;
        return loader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "bench").get(0);
    }

    /** One-minute windows of an entity with {@code metrics} features: a noisy daily wave each, the odd spike. */
    static FeatureVector[] windows(String entity, int metrics, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        FeatureVector[] windows = new FeatureVector[count];
        for (int i = 0; i < count; i++) {
            Map<String, Double> row = new HashMap<>();
            for (int m = 0; m < metrics; m++) {
                double daily = 50 * Math.sin(2 * Math.PI * ((i + 37 * m) % 1440) / 1440.0);
                row.put(metrics == 1 ? "mean" : "metric_" + m, 200 + daily + 5 * random.nextGaussian()
                        + (random.nextInt(500) == 0 ? 80 : 0));
            }
            Instant at = start.plus(Duration.ofMinutes(i));
            windows[i] = new FeatureVector("bench", entity, new TreeMap<>(Map.of("host", entity)), at,
                    at.plus(Duration.ofMinutes(1)), row);
        }
        return windows;
    }

    /**
     * Bytes of learned state per entity, per kind: {@code java -Xmx4g -cp bench/target/benchmarks.jar
     * 'dev.vigil.bench.ModelBenchmark$StateSize' [entities]} (default 500; each entity learns 1,000 windows, past every
     * warm-up, so forests and pattern rings are full). Heap after GC, against the heap before the detector.
     */
    public static final class StateSize {

        public static void main(String[] args) {
            int entities = args.length > 0 ? Integer.parseInt(args[0]) : 500;
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            List<Detector> keep = new ArrayList<>();
            for (String kind : KINDS) {
                long before = heapUsedAfterGc(memory);
                Detector detector = DetectorFactory.create(definition(kind));
                int metrics = kind.equals("group10") ? 10 : 1;
                for (int e = 0; e < entities; e++) {
                    for (FeatureVector window : windows("host-" + e, metrics, 1000, e)) {
                        detector.evaluate(window);
                    }
                }
                long perEntity = (heapUsedAfterGc(memory) - before) / entities;
                keep.add(detector);
                System.out.printf(Locale.ROOT, "%-10s %,9d bytes per entity (%,d entities), %,d entities in 1 GB%n",
                        kind, perEntity, entities, (1L << 30) / Math.max(1, perEntity));
            }
            System.out.println(keep.size() + " detectors kept to the end");
        }

        private static long heapUsedAfterGc(MemoryMXBean memory) {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            return memory.getHeapMemoryUsage().getUsed();
        }
    }
}

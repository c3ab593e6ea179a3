package dev.vigil.bench.nab;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.vigil.contracts.FeatureVector;
import dev.vigil.scoring.Detector;
import dev.vigil.scoring.config.DetectorConfigLoader;
import dev.vigil.scoring.config.DetectorDefinition;
import dev.vigil.scoring.config.DetectorFactory;

/**
 * Development tool for choosing detector settings on NAB without tuning on the score reported:
 * {@code NabExperiment --nab DIR --config detectors.yaml [--detectors a,b] [--split A|B|all] [--threads N]}. Each named
 * detector of the file replays every corpus file as {@code ./vigil replay --format nab} does (one row one closed
 * window of the file's one series, a fresh detector per file), in memory, and is scored with NAB's scorer on the two
 * halves of the categories ({@link #HALF_A}, {@link #HALF_B}) separately and on all of them: the standard profile at
 * NAB's optimised threshold and at Vigil's boundary 0.5, and the low-FP / low-FN profiles at 0.5. One line per
 * detector and half, so a handful of settings compare in one run; the figures a user sees come from
 * {@code bench/nab.sh}, through the shipped commands.
 */
public final class NabExperiment {

    /** One half of NAB's categories: settings are chosen on one half and reported on the other. */
    static final List<String> HALF_A = List.of("artificialNoAnomaly", "realAWSCloudwatch", "realAdExchange",
            "realKnownCause");
    static final List<String> HALF_B = List.of("artificialWithAnomaly", "realTraffic", "realTweets");

    private NabExperiment() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        Path nab = Path.of(options.getOrDefault("--nab", "../shared/datasets/nab"));
        List<DetectorDefinition> all = new DetectorConfigLoader().load(Path.of(options.get("--config")));
        List<String> names = options.containsKey("--detectors") ? List.of(options.get("--detectors").split(","))
                : all.stream().map(DetectorDefinition::name).toList();
        int threads = Integer.parseInt(options.getOrDefault("--threads", "1"));
        List<DataFile> corpus = CorpusReader.read(nab);
        List<Profile> profiles = ProfilesReader.read(nab.resolve("config").resolve("profiles.json"));
        Map<String, double[]> values = new LinkedHashMap<>();
        for (DataFile file : corpus) {
            values.put(file.relativePath(), readValues(nab.resolve("data").resolve(file.relativePath())));
        }
        PrintStream out = System.out;
        for (String name : names) {
            DetectorDefinition definition = all.stream().filter(d -> d.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no detector " + name));
            long start = System.nanoTime();
            Map<String, double[]> scores = replay(definition, corpus, values, threads);
            double seconds = (System.nanoTime() - start) / 1e9;
            for (String half : List.of("A", "B", "all")) {
                List<String> categories = half.equals("A") ? HALF_A : half.equals("B") ? HALF_B : null;
                List<DataFile> subset = corpus.stream()
                        .filter(f -> categories == null || categories.contains(f.category())).toList();
                NabResult r = NabScorer.score(name, subset, scores, profiles, OptionalDouble.of(0.5));
                out.println(line(name, half, r, seconds));
            }
            if (options.containsKey("--categories")) {
                NabResult r = NabScorer.score(name, corpus, scores, profiles, OptionalDouble.of(0.5));
                for (String category : corpus.stream().map(DataFile::category).distinct().toList()) {
                    List<DataFile> only = corpus.stream().filter(f -> f.category().equals(category)).toList();
                    NabResult c = NabScorer.score(name, only, scores, profiles, OptionalDouble.of(0.5));
                    out.printf(Locale.ROOT, "    %-22s at 0.5 %7.2f  (TP %d/%d, FP rows %d)%n", category,
                            c.profiles().get(0).fixed().normalised(), c.profiles().get(0).fixed().windowsDetected(),
                            c.profiles().get(0).fixed().windows(), c.profiles().get(0).fixed().fp());
                }
            }
        }
    }

    private static String line(String name, String half, NabResult r, double seconds) {
        NabResult.ProfileResult standard = r.profiles().stream()
                .filter(p -> p.profile().name().equals("standard")).findFirst().orElseThrow();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "%-28s %-3s std opt %6.2f @%.4f (TP %3d FP %4d) | at 0.5: std %7.2f (TP %3d FP %5d)", name, half,
                standard.optimised().normalised(), standard.optimised().threshold(),
                standard.optimised().windowsDetected(), standard.optimised().fp(), standard.fixed().normalised(),
                standard.fixed().windowsDetected(), standard.fixed().fp()));
        for (NabResult.ProfileResult p : r.profiles()) {
            if (!p.profile().name().equals("standard")) {
                text.append(String.format(Locale.ROOT, " %s %.2f/%.2f", p.profile().name().replace("reward_", ""),
                        p.optimised().normalised(), p.fixed().normalised()));
            }
        }
        return text.append(String.format(Locale.ROOT, " [%.0f s]", seconds)).toString();
    }

    /** Every file through a fresh detector of the definition, as replay does; files in parallel on {@code threads}. */
    static Map<String, double[]> replay(DetectorDefinition definition, List<DataFile> corpus,
            Map<String, double[]> values, int threads) throws Exception {
        Map<String, double[]> scores = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (DataFile file : corpus) {
                done.add(pool.submit(() -> scores.put(file.relativePath(),
                        replayFile(definition, file, values.get(file.relativePath())))));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return scores;
    }

    static double[] replayFile(DetectorDefinition definition, DataFile file, double[] values) {
        Detector detector = DetectorFactory.create(definition, List.of("value"));
        double[] scores = new double[values.length];
        TreeMap<String, String> labels = new TreeMap<>();
        for (int r = 0; r < values.length; r++) {
            Instant at = file.timestamps().get(r).toInstant(ZoneOffset.UTC);
            int row = r;
            detector.evaluate(new FeatureVector("replay", file.relativePath(), labels, at, at, Map.of("value", values[r])))
                    .ifPresent(s -> scores[row] = s.score());
        }
        return scores;
    }

    static double[] readValues(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        double[] values = new double[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            values[i - 1] = Double.parseDouble(line.substring(line.lastIndexOf(',') + 1).trim());
        }
        return values;
    }
}

package dev.vigil.bench.logs;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.vigil.contracts.LogEvent;
import dev.vigil.contracts.LogLevel;
import dev.vigil.contracts.Score;
import dev.vigil.features.logs.DrainParameters;
import dev.vigil.features.logs.MinedLine;
import dev.vigil.features.logs.ServiceTemplates;
import dev.vigil.features.logs.Session;
import dev.vigil.features.logs.SessionTracker;
import dev.vigil.features.logs.TemplateOverrides;
import dev.vigil.ingest.csv.Csv;
import dev.vigil.ingest.kafka.LogFormat;
import dev.vigil.ingest.kafka.LogFormats;
import dev.vigil.scoring.config.DetectorConfigLoader;
import dev.vigil.scoring.config.DetectorDefinition;
import dev.vigil.scoring.config.ModelDefinition;
import dev.vigil.scoring.sessions.SessionModel;
import dev.vigil.scoring.sessions.SessionModels;
import dev.vigil.scoring.sessions.SessionVerdict;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code HdfsDetection --data DIR --output DIR}: Vigil's session detectors on the HDFS_v1 100k block-labelled sample
 * ({@code DIR} holds {@code HDFS_100k.log}, {@code anomaly_label.csv} and {@code block_sequences.csv}), block-level
 * precision, recall and F1, with the per-block predictions written as {@code BlockId,score,predicted} CSV.
 * <p>
 * The live path, not a copy of it: each raw line is split by the shipped {@code HDFS} format, mined by a
 * {@link ServiceTemplates} with Drain's default parameters (Vigil's live default), and added to a
 * {@link SessionTracker} by its {@code blk_-?\d+} ids. Sessions are the whole sample's (the idle timeout is longer than
 * the sample), in order of first appearance. The split is loglizer's 50/50 "uniform" one: the first half of the
 * normal blocks and the first half of the anomalous blocks, by first appearance, are the training half; the models
 * train on its normal blocks only (unsupervised), and the other half is scored. The detectors are the shipped ones
 * ({@code log-session-counts}, {@code log-session-order} in {@code default-detectors.yaml}) with their training length
 * set to the training blocks; "either" flags a block when one of them does. A second pass scores the same split on
 * loghub's ground-truth event ids ({@code block_sequences.csv}) instead of Vigil's templates, to show what parsing
 * changes.
 */
public final class HdfsDetection {

    private static final Pattern BLOCK = Pattern.compile("blk_-?\\d+");
    private static final DateTimeFormatter HDFS_TIME = DateTimeFormatter.ofPattern("yyMMdd HHmmss", Locale.ROOT);
    /** Published block-level F1 of the tools run on the same data and split (the anchors). */
    private static final Map<String, Double> PUBLISHED = new LinkedHashMap<>();

    static {
        PUBLISHED.put("Invariants Mining", 0.710);
        PUBLISHED.put("LogClustering", 0.710);
        PUBLISHED.put("Isolation Forest", 0.596);
        PUBLISHED.put("PCA", 0.528);
    }

    private HdfsDetection() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4 || !args[0].equals("--data") || !args[2].equals("--output")) {
            System.err.println("usage: HdfsDetection --data DIR --output DIR   (DIR holds HDFS_100k.log, anomaly_label.csv, "
                    + "block_sequences.csv)");
            System.exit(2);
        }
        run(Path.of(args[1]), Path.of(args[3]), System.out);
    }

    /** Precision, recall and F1 of one detector on the scored half. */
    record Figures(String detector, int tp, int fp, int fn, int tn) {

        double precision() {
            return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    /** A scored block. */
    record Prediction(String block, double score, boolean predicted) {
    }

    static void run(Path data, Path output, PrintStream out) throws IOException {
        Map<String, Boolean> anomalous = labels(data.resolve("anomaly_label.csv"));
        long start = System.nanoTime();
        Parsed parsed = parse(data.resolve("HDFS_100k.log"));
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "HDFS_v1 100k: %,d lines, %d templates, %,d sessions; format split, Drain, sessions: "
                + "%.2f s = %,.0f lines/s (one thread, cold JVM)%n", parsed.lines, parsed.templates.templates().size(),
                parsed.sessions.size(), seconds, parsed.lines / seconds);
        if (parsed.sessions.size() != anomalous.size()) {
            throw new IOException(parsed.sessions.size() + " sessions but " + anomalous.size() + " labelled blocks");
        }
        Files.createDirectories(output);
        List<Figures> vigil = score("Vigil templates", parsed.sessions, anomalous, parsed.templates::label, output,
                "hdfs", out);
        List<Figures> truth = score("loghub event ids", groundTruth(data.resolve("block_sequences.csv")), anomalous,
                Function.identity(), output, "hdfs-loghub-events", out);
        out.println();
        out.println("Published, same data and split: " + PUBLISHED.entrySet().stream()
                .map(e -> e.getKey() + " F1 " + e.getValue()).toList());
        double best = vigil.stream().mapToDouble(Figures::f1).max().orElse(0);
        out.printf(Locale.ROOT, "Vigil's best on its own templates: F1 %.3f (%s); on loghub's event ids: F1 %.3f%n", best,
                best > 0.710 ? "above every published tool" : "below the best published tool",
                truth.stream().mapToDouble(Figures::f1).max().orElse(0));
    }

    /** Trains both models on the training half's normal sessions, scores the other half, prints and writes. */
    static List<Figures> score(String title, List<Session> sessions, Map<String, Boolean> anomalous,
            Function<String, String> names, Path output, String prefix, PrintStream out) throws IOException {
        List<Session> normal = sessions.stream().filter(s -> !anomalous.get(s.id())).toList();
        List<Session> abnormal = sessions.stream().filter(s -> anomalous.get(s.id())).toList();
        List<Session> training = normal.subList(0, normal.size() / 2);
        List<Session> test = new ArrayList<>(abnormal.subList(abnormal.size() / 2, abnormal.size()));
        test.addAll(normal.subList(normal.size() / 2, normal.size()));
        Map<String, List<Prediction>> predictions = new LinkedHashMap<>();
        Map<String, List<SessionVerdict>> verdicts = new LinkedHashMap<>();
        for (DetectorDefinition detector : shippedSessionDetectors()) {
            SessionModel model = SessionModels.create(withTraining(detector.model(), training.size()));
            training.forEach(model::learn);
            List<Prediction> scored = new ArrayList<>();
            List<SessionVerdict> judged = new ArrayList<>();
            for (Session s : test) {
                SessionVerdict verdict = model.judge(s, names);
                judged.add(verdict);
                scored.add(new Prediction(s.id(), Score.normalise(verdict.finding().ratio()), verdict.anomalous()));
            }
            predictions.put(detector.name(), scored);
            verdicts.put(detector.name(), judged);
        }
        List<Prediction> either = new ArrayList<>();
        List<List<Prediction>> all = List.copyOf(predictions.values());
        for (int i = 0; i < test.size(); i++) {
            int row = i;
            either.add(new Prediction(test.get(i).id(), all.stream().mapToDouble(p -> p.get(row).score()).max().orElse(0),
                    all.stream().anyMatch(p -> p.get(row).predicted())));
        }
        predictions.put("either", either);

        out.printf(Locale.ROOT, "%n%s: trained on %d normal blocks, scored %d (%d anomalous)%n", title, training.size(),
                test.size(), abnormal.size() - abnormal.size() / 2);
        out.printf(Locale.ROOT, "%-20s %9s %9s %9s %6s %6s %6s  %s%n", "detector", "precision", "recall", "F1", "TP", "FP",
                "FN", "predictions");
        List<Figures> figures = new ArrayList<>();
        for (Map.Entry<String, List<Prediction>> e : predictions.entrySet()) {
            Figures f = figures(e.getKey(), e.getValue(), anomalous);
            figures.add(f);
            Path csv = output.resolve(prefix + "-" + e.getKey() + ".csv");
            write(csv, e.getValue());
            out.printf(Locale.ROOT, "%-20s %9.3f %9.3f %9.3f %6d %6d %6d  %s%n", f.detector(), f.precision(), f.recall(),
                    f.f1(), f.tp(), f.fp(), f.fn(), csv);
        }
        // the order model's limit is a choice: how its figures move with it (not written as predictions)
        StringBuilder limits = new StringBuilder("log-session-order at other limits:");
        for (double bits : new double[] {10, 11, 12, 14, 15, 16}) {
            List<Prediction> at = verdicts.get("log-session-order").stream().map(v -> new Prediction(v.session().id(),
                    0, v.finding().statistic() >= bits)).toList();
            Figures f = figures("order", at, anomalous);
            limits.append(String.format(Locale.ROOT, " %.0f bits P %.3f R %.3f F1 %.3f;", bits, f.precision(), f.recall(),
                    f.f1()));
        }
        out.println(limits);
        return figures;
    }

    /** The shipped session detectors, as the default detectors file defines them. */
    private static List<DetectorDefinition> shippedSessionDetectors() {
        return new DetectorConfigLoader().loadDefault().stream()
                .filter(d -> d.modelled() && d.stream() == DetectorDefinition.Stream.LOG_SESSIONS).toList();
    }

    private static ModelDefinition withTraining(ModelDefinition model, int training) {
        if (model instanceof ModelDefinition.Invariants i) {
            return new ModelDefinition.Invariants(training, i.support(), i.maxRatio());
        }
        ModelDefinition.Transitions t = (ModelDefinition.Transitions) model;
        return new ModelDefinition.Transitions(training, t.alpha(), t.limitBits(), t.maxStates());
    }

    private static Figures figures(String detector, List<Prediction> predictions, Map<String, Boolean> anomalous) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int tn = 0;
        for (Prediction p : predictions) {
            boolean truth = anomalous.get(p.block());
            if (p.predicted()) {
                tp += truth ? 1 : 0;
                fp += truth ? 0 : 1;
            } else {
                fn += truth ? 1 : 0;
                tn += truth ? 0 : 1;
            }
        }
        return new Figures(detector, tp, fp, fn, tn);
    }

    private static void write(Path csv, List<Prediction> predictions) throws IOException {
        try (CSVPrinter w = Csv.printer(Files.newBufferedWriter(csv, StandardCharsets.UTF_8))) {
            w.printRecord("BlockId", "score", "predicted");
            for (Prediction p : predictions) {
                w.printRecord(p.block(), String.format(Locale.ROOT, "%.6f", p.score()), p.predicted() ? 1 : 0);
            }
        }
    }

    /** What the live path makes of the raw lines: the service's templates and its sessions, by first appearance. */
    private record Parsed(int lines, ServiceTemplates templates, List<Session> sessions) {
    }

    private static Parsed parse(Path log) throws IOException {
        LogFormat format = LogFormats.get("HDFS");
        ServiceTemplates templates = new ServiceTemplates(DrainParameters.defaults(), TemplateOverrides.NONE);
        SessionTracker tracker = new SessionTracker(BLOCK, Duration.ofDays(7), 1_000_000, 100_000);
        Map<String, Integer> firstLine = new HashMap<>();
        Instant received = Instant.now();
        int n = 0;
        for (String raw : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
            n++;
            Matcher m = format.pattern().matcher(raw.strip());
            if (!m.matches()) {
                throw new IOException(log + " line " + n + " does not match the HDFS format: " + raw);
            }
            Instant at = LocalDateTime.parse(m.group("date") + " " + m.group("time"), HDFS_TIME).toInstant(ZoneOffset.UTC);
            LogEvent event = new LogEvent("hdfs", "hdfs", at, LogLevel.parse(m.group("level")), m.group("message"), Map.of());
            MinedLine line = templates.learn(event);
            for (String id : tracker.ids(event.message())) {
                firstLine.putIfAbsent(id, n);
            }
            tracker.add(at, line.template().id(), event.message(), received);
        }
        List<Session> sessions = new ArrayList<>(tracker.closeAll());
        sessions.sort((a, b) -> Integer.compare(firstLine.get(a.id()), firstLine.get(b.id())));
        return new Parsed(n, templates, sessions);
    }

    /** loghub's event sequences per block, in order of first appearance, as sessions. */
    private static List<Session> groundTruth(Path sequences) throws IOException {
        List<List<String>> rows = LoghubCsv.read(sequences);
        List<String> header = rows.get(0);
        int block = header.indexOf("BlockId");
        int first = header.indexOf("FirstLineId");
        int events = header.indexOf("EventSequence");
        List<List<String>> body = new ArrayList<>(rows.subList(1, rows.size()));
        body.sort((a, b) -> Integer.compare(Integer.parseInt(a.get(first)), Integer.parseInt(b.get(first))));
        List<Session> sessions = new ArrayList<>();
        for (List<String> row : body) {
            List<String> sequence = Arrays.asList(row.get(events).strip().split(" "));
            Map<String, Integer> counts = new LinkedHashMap<>();
            Map<String, String> lines = new LinkedHashMap<>();
            sequence.forEach(e -> {
                counts.merge(e, 1, Integer::sum);
                lines.putIfAbsent(e, e);
            });
            sessions.add(new Session(row.get(block), Instant.EPOCH, Instant.EPOCH, sequence, counts, lines, false));
        }
        return sessions;
    }

    private static Map<String, Boolean> labels(Path file) throws IOException {
        Map<String, Boolean> labels = new HashMap<>();
        List<List<String>> rows = LoghubCsv.read(file);
        for (List<String> row : rows.subList(1, rows.size())) {
            labels.put(row.get(0), row.get(1).equals("Anomaly"));
        }
        return labels;
    }
}

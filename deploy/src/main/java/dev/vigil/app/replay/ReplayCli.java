package dev.vigil.app.replay;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import dev.vigil.alerting.config.AlertingConfig;
import dev.vigil.alerting.config.AlertingConfigLoader;
import dev.vigil.alerting.lifecycle.ConfirmationPolicy;
import dev.vigil.contracts.config.ConfigException;
import dev.vigil.ingest.csv.Csv;
import dev.vigil.scoring.config.DetectorConfigLoader;
import dev.vigil.scoring.config.DetectorDefinition;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code replay --input FILE|DIR --output DIR [--format csv|nab] [--detector NAME] [--config detectors.yaml]
 * [--alerting alerting.yaml] [--labels combined_windows.json] [--confirm N/M/R]}: runs historical CSV through the
 * same detector and alert lifecycle as the live pipeline (N/M/R as {@code vigil.alerting.*}, default 2/3/3; cooldown,
 * flapping and severity from the alerting file, default the built-in one).
 * <p>
 * {@code csv} (the default) writes every input file under the output folder with the same relative name, each row
 * followed by {@code anomaly_score} (0..1, 0.5 the decision boundary, 0 during the warm-up) and {@code alert} (1 on
 * the row where an alert fired). {@code nab} writes NAB's results layout,
 * {@code <output>/<detector>/<category>/<detector>_<file>.csv} with {@code timestamp,value,anomaly_score,label}, the
 * category being the input file's folder; {@code --labels} fills {@code label} from NAB's windows. With
 * {@code --nab-score alert} the NAB {@code anomaly_score} is the alert column (1 where an alert fired, else 0) and the
 * detector folder is named {@code <detector>-alerts}: what operators would have been told, for NAB to score as it is.
 * <p>
 * Exit codes: 0 when every file was replayed; 2 for bad usage, a bad configuration or a file that cannot be read,
 * with the file, row and reason on stderr. Nothing is written for a run that fails.
 */
public final class ReplayCli {

    private static final String USAGE = "usage: replay --input FILE|DIR --output DIR [--format csv|nab] [--detector NAME]"
            + " [--config detectors.yaml] [--alerting alerting.yaml] [--labels combined_windows.json] [--confirm N/M/R]"
            + " [--nab-score score|alert]";
    private static final List<String> OPTIONS = List.of("--input", "--output", "--format", "--detector", "--config",
            "--alerting", "--labels", "--confirm", "--nab-score");
    /** Replay delivers nothing, so an alerting file may route to any receiver Vigil has. */
    static final List<String> RECEIVERS = List.of("console", "slack", "email", "jira", "servicenow", "pagerduty",
            "webhook");
    static final String DEFAULT_DETECTOR = "metric-baseline";

    private ReplayCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.err, System.console() != null));
    }

    /** Runs the command and returns its exit code, so it can be tested without ending the JVM. */
    static int run(String[] args, PrintStream err, boolean terminal) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!OPTIONS.contains(args[i]) || i + 1 == args.length) {
                err.println("replay: unexpected argument '" + args[i] + "'\n" + USAGE);
                return 2;
            }
            options.put(args[i], args[i + 1]);
        }
        if (!options.containsKey("--input") || !options.containsKey("--output")) {
            err.println(USAGE);
            return 2;
        }
        try {
            return replay(options, err, terminal);
        } catch (ReplayException | ConfigException | IllegalArgumentException e) {
            err.println("replay: " + e.getMessage());
            return 2;
        } catch (IOException | UncheckedIOException e) {
            err.println("replay: " + e.getMessage());
            return 2;
        }
    }

    private static int replay(Map<String, String> options, PrintStream err, boolean terminal) throws IOException {
        boolean nab = switch (options.getOrDefault("--format", "csv")) {
            case "csv" -> false;
            case "nab" -> true;
            default -> throw new IllegalArgumentException("--format must be csv or nab, got " + options.get("--format"));
        };
        boolean alertsAsScore = switch (options.getOrDefault("--nab-score", "score")) {
            case "score" -> false;
            case "alert" -> true;
            default -> throw new IllegalArgumentException("--nab-score must be score or alert, got " + options.get("--nab-score"));
        };
        DetectorDefinition definition = detector(options);
        String resultsName = alertsAsScore ? definition.name() + "-alerts" : definition.name();
        ConfirmationPolicy policy = confirmation(options.getOrDefault("--confirm", "2/3/3"));
        NabLabels labels = options.containsKey("--labels") ? NabLabels.read(Path.of(options.get("--labels"))) : NabLabels.none();
        Path input = Path.of(options.get("--input"));
        Path output = Path.of(options.get("--output"));
        List<Path> files = inputs(input);

        // read and check every file first: a bad row fails the run before anything is written
        List<ReplayTable> tables = new ArrayList<>();
        long rows = 0;
        for (Path file : files) {
            ReplayTable table = ReplayTable.read(file);
            if (nab && table.metrics().size() != 1) {
                throw new ReplayException(file, 0, "the nab format scores one value column, got " + table.metrics());
            }
            tables.add(table);
            rows += table.rows().size();
        }
        long start = System.nanoTime();
        ProgressBar progress = new ProgressBar(err, terminal, rows);
        AlertingConfigLoader alertingLoader = new AlertingConfigLoader(RECEIVERS);
        AlertingConfig alerting = options.containsKey("--alerting")
                ? alertingLoader.load(Path.of(options.get("--alerting"))) : alertingLoader.loadDefault();
        Replayer replayer = new Replayer(definition, policy, alerting);
        Path staging = Files.createTempDirectory(output.toAbsolutePath().getParent() == null ? Path.of(".")
                : Files.createDirectories(output.toAbsolutePath().getParent()), ".replay-");
        int alerts = 0;
        try {
            for (ReplayTable table : tables) {
                String relative = relative(input, table.file());
                Replayer.Result result = replayer.replay(table, relative, progress);
                alerts += result.alertCount();
                Path target = staging.resolve(nab ? nabPath(resultsName, relative) : Path.of(relative));
                Files.createDirectories(target.getParent());
                if (nab) {
                    writeNab(table, result, labels, relative, target, alertsAsScore);
                } else {
                    writeCsv(table, result, target);
                }
            }
            publish(staging, output);
        } finally {
            deleteTree(staging);
        }
        progress.finish(String.format(Locale.ROOT, "replay: %,d rows in %d files scored by %s in %.1f s, %d alerts -> %s",
                rows, tables.size(), definition.name(), (System.nanoTime() - start) / 1e9, alerts, output));
        return 0;
    }

    static DetectorDefinition detector(Map<String, String> options) {
        DetectorConfigLoader loader = new DetectorConfigLoader();
        List<DetectorDefinition> all = options.containsKey("--config")
                ? loader.load(Path.of(options.get("--config"))) : loader.loadDefault();
        String name = options.getOrDefault("--detector", options.containsKey("--config") ? all.get(0).name() : DEFAULT_DETECTOR);
        return all.stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no detector '" + name + "' in the configuration, only "
                        + all.stream().map(DetectorDefinition::name).toList()));
    }

    static ConfirmationPolicy confirmation(String text) {
        String[] parts = text.split("/");
        if (parts.length != 3) {
            throw new IllegalArgumentException("--confirm must be N/M/R (anomalous windows / of last windows / recovery windows), got " + text);
        }
        try {
            return new ConfirmationPolicy(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--confirm must be three whole numbers N/M/R, got " + text);
        }
    }

    private static List<Path> inputs(Path input) throws IOException {
        if (Files.isRegularFile(input)) {
            return List.of(input);
        }
        if (!Files.isDirectory(input)) {
            throw new IllegalArgumentException("--input " + input + " is neither a file nor a folder");
        }
        try (Stream<Path> walk = Files.walk(input)) {
            List<Path> files = walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".csv"))
                    .sorted().toList();
            if (files.isEmpty()) {
                throw new IllegalArgumentException("--input " + input + " holds no .csv file");
            }
            return files;
        }
    }

    /** The file's path relative to the input folder, with '/'; for a single file, its folder and name. */
    private static String relative(Path input, Path file) {
        Path base = Files.isDirectory(input) ? input : input.toAbsolutePath().getParent().getParent();
        Path relative = base == null ? file.getFileName() : base.toAbsolutePath().relativize(file.toAbsolutePath());
        return relative.toString().replace('\\', '/');
    }

    /** {@code <detector>/<category>/<detector>_<file>.csv}, as NAB's scorer looks for it. */
    private static Path nabPath(String detector, String relative) {
        Path path = Path.of(relative);
        String category = path.getParent() == null ? "data" : path.getParent().getFileName().toString();
        return Path.of(detector, category, detector + "_" + path.getFileName());
    }

    private static void writeCsv(ReplayTable table, Replayer.Result result, Path target) throws IOException {
        try (CSVPrinter out = Csv.printer(Files.newBufferedWriter(target, StandardCharsets.UTF_8))) {
            List<String> header = new ArrayList<>(table.header());
            header.addAll(List.of("anomaly_score", "alert"));
            out.printRecord(header);
            for (int r = 0; r < table.rows().size(); r++) {
                List<String> cells = new ArrayList<>(table.rows().get(r).cells());
                cells.add(format(result.scores()[r]));
                cells.add(result.alerts()[r] ? "1" : "0");
                out.printRecord(cells);
            }
        }
    }

    private static void writeNab(ReplayTable table, Replayer.Result result, NabLabels labels, String relative,
            Path target, boolean alertsAsScore) throws IOException {
        int value = table.header().indexOf(table.metrics().get(0));
        try (CSVPrinter out = Csv.printer(Files.newBufferedWriter(target, StandardCharsets.UTF_8))) {
            out.printRecord("timestamp", "value", "anomaly_score", "label");
            for (int r = 0; r < table.rows().size(); r++) {
                ReplayTable.Row row = table.rows().get(r);
                double score = alertsAsScore ? (result.alerts()[r] ? 1 : 0) : result.scores()[r];
                out.printRecord(row.cells().get(0), row.cells().get(value), format(score),
                        labels.label(relative, row.timestamp()));
            }
        }
    }

    private static String format(double score) {
        return score == 0 ? "0" : String.format(Locale.ROOT, "%.6f", score);
    }

    /** Moves the finished tree into place, replacing what the same files held, so a failed run leaves nothing half-written. */
    private static void publish(Path staging, Path output) throws IOException {
        try (Stream<Path> walk = Files.walk(staging)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                Path target = output.resolve(staging.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}

package dev.vigil.app.replay;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.vigil.alerting.config.AlertingConfig;
import dev.vigil.alerting.config.AlertingConfigLoader;
import dev.vigil.alerting.lifecycle.ConfirmationPolicy;
import dev.vigil.contracts.config.ConfigException;
import dev.vigil.scoring.config.DetectorConfigLoader;
import dev.vigil.scoring.config.DetectorDefinition;

/**
 * {@code ./vigil replay} ({@link dev.vigil.app.cli.ReplayCli}, which reads the options into {@link ReplayOptions}): runs historical CSV through the same detector, metric stream and alert lifecycle as the live
 * pipeline ({@link Replayer}; N/M/R as {@code vigil.alerting.*}, default 2/3/3; cooldown, flapping and severity from
 * the alerting file, default the built-in one). Files are streamed: a row is read, scored and written before the next,
 * so a file of any length replays in the same memory.
 * <p>
 * Each row is one closed window ({@link RowWindows}); with {@code --window} the rows' points go into the live windows
 * of that span instead ({@link Rewindowing}; lateness and idle timeout as Vigil ships them unless given). A file's
 * metric columns are each a series of their own for a series detector, and a row's score is the highest of theirs;
 * for a group detector they are one entity. The run says so on stderr before it starts. A {@code label} column, and
 * any named by {@code --carry} (a file's own label or note columns), is carried to the output, never scored.
 * A detector with a PMML model reads it from {@code --models DIR} ({@code models} unless given), loaded once at the
 * start; a model that is missing or does not fit stops the run with the reason.
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
 * with the file, row and reason on stderr. Every header is checked before anything is scored; output is written to a
 * staging folder and moved into place once every file was replayed, so nothing is written for a run that fails.
 */
public final class Replay {

    /** Replay delivers nothing, so an alerting file may route to any receiver Vigil has. */
    public static final List<String> RECEIVERS = List.of("console", "slack", "email", "jira", "servicenow", "pagerduty",
            "webhook");
    public static final String DEFAULT_DETECTOR = "metric-baseline";

    private Replay() {
    }

    /**
     * The live stream's meter registry (Micrometer) looks for an SLF4J provider when its class loads, and outside
     * Quarkus the one on the class path cannot start: SLF4J would say so on stderr, among replay's own output. Replay
     * logs nothing through SLF4J, so it takes SLF4J's no-op provider and hears only its warnings.
     */
    public static void quietLibraries() {
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
            System.setProperty("slf4j.internal.verbosity", "WARN");
        }
    }

    /** Replays as the options say and returns the exit code: 0, or 2 with the reason on {@code err}. */
    public static int run(ReplayOptions options, PrintStream err, boolean terminal) {
        try {
            return replay(options, err, terminal);
        } catch (ReplayException | ConfigException | IllegalArgumentException | IOException | UncheckedIOException e) {
            err.println("replay: " + e.getMessage());
            return 2;
        }
    }

    /** A file to replay, its header checked. */
    private record Input(Path file, String relative, List<String> header, List<String> metrics, List<String> watched) {
    }

    private static int replay(ReplayOptions options, PrintStream err, boolean terminal) throws IOException {
        boolean nab = switch (options.format()) {
            case "csv" -> false;
            case "nab" -> true;
            default -> throw new IllegalArgumentException("--format must be csv or nab, got " + options.format());
        };
        boolean alertsAsScore = switch (options.nabScore()) {
            case "score" -> false;
            case "alert" -> true;
            default -> throw new IllegalArgumentException("--nab-score must be score or alert, got " + options.nabScore());
        };
        DetectorDefinition definition = detector(options.config(), options.detector());
        Rewindowing.Windows windows = windows(options);
        Set<String> carried = options.carry();
        String resultsName = alertsAsScore ? definition.name() + "-alerts" : definition.name();
        ConfirmationPolicy policy = confirmation(options.confirm());
        NabLabels labels = options.labels() == null ? NabLabels.none() : NabLabels.read(options.labels());
        Path input = options.input();
        Path output = options.output();
        Path models = options.models() == null ? LiveMetrics.DEFAULT_MODELS : options.models();
        AlertingConfigLoader alertingLoader = new AlertingConfigLoader(RECEIVERS);
        AlertingConfig alerting = options.alerting() == null ? alertingLoader.loadDefault()
                : alertingLoader.load(options.alerting());

        // every header first: a file that cannot be replayed fails the run before anything is scored
        LiveMetrics live = new LiveMetrics(definition, models);
        List<Input> inputs = new ArrayList<>();
        long bytes = 0;
        for (Path file : inputs(input)) {
            try (ReplayFile in = ReplayFile.open(file, carried)) {
                if (nab && in.metrics().size() != 1) {
                    throw new ReplayException(file, 0, "the nab format scores one value column, got " + in.metrics());
                }
                List<String> watched = live.columns(file, in.metrics(), new TreeMap<>()).watched();
                inputs.add(new Input(file, relative(input, file), in.header(), in.metrics(), watched));
            }
            bytes += Files.size(file) * (windows == null ? 1 : 2);
        }
        for (String column : carried) {
            if (inputs.stream().noneMatch(in -> in.header().contains(column))) {
                // a misspelt label column would be scored as a metric: say so rather than let it leak into the scores
                throw new IllegalArgumentException("--carry " + column + ": no file has that column");
            }
        }
        err.println("replay: " + semantics(live, inputs, windows));
        long start = System.nanoTime();
        ProgressBar progress = new ProgressBar(err, terminal, bytes);
        Replayer replayer = new Replayer(definition, models, policy, alerting, windows, carried);
        Path staging = Files.createTempDirectory(output.toAbsolutePath().getParent() == null ? Path.of(".")
                : Files.createDirectories(output.toAbsolutePath().getParent()), ".replay-");
        long rows = 0;
        long late = 0;
        long missing = 0;
        int alerts = 0;
        try {
            for (Input in : inputs) {
                Path target = staging.resolve(nab ? nabPath(resultsName, in.relative()) : Path.of(in.relative()));
                Files.createDirectories(target.getParent());
                try (ReplayResults results = nab
                        ? ReplayResults.nab(target, in.header().indexOf(in.metrics().get(0)), labels, in.relative(), alertsAsScore)
                        : ReplayResults.csv(target, in.header())) {
                    Replayer.Result result = replayer.replay(in.file(), results, progress, in.relative());
                    rows += result.rows();
                    late += result.lateRows();
                    missing += result.missingMarked();
                    alerts += result.alerts();
                }
            }
            publish(staging, output);
        } finally {
            deleteTree(staging);
        }
        progress.finish(String.format(Locale.ROOT, "replay: %,d rows in %d files scored by %s in %.1f s, %d alerts%s%s -> %s",
                rows, inputs.size(), definition.name(), (System.nanoTime() - start) / 1e9, alerts,
                late == 0 ? "" : String.format(Locale.ROOT, ", %,d rows too late for their windows (score 0)", late),
                missing == 0 ? "" : String.format(Locale.ROOT, ", %,d cells NaN, NA, null or infinite read as missing",
                        missing), output));
        return 0;
    }

    /** How the rows are judged, said before the run: windows, and how a row's metrics make its score. */
    private static String semantics(LiveMetrics live, List<Input> inputs, Rewindowing.Windows windows) {
        String windowing = windows == null ? "each row is one closed window"
                : "the rows' points go into the live windows of " + Spans.text(windows.span()) + " (allowed lateness "
                        + Spans.text(windows.allowedLateness()) + ", idle timeout " + Spans.text(windows.idleTimeout())
                        + "), and each row gets the score of its window span";
        int metrics = inputs.stream().mapToInt(i -> i.metrics().size()).max().orElse(0);
        String judged;
        if (live.group()) {
            judged = "detector " + live.detector() + " judges a row's metrics together, as one entity";
        } else if (metrics == 1) {
            judged = "detector " + live.detector() + " judges the value column as a series";
        } else {
            judged = "detector " + live.detector() + " judges each metric column as a series of its own; a row's "
                    + "anomaly_score is the highest of its metrics' scores (max), alert 1 where any of them fired an alert";
        }
        List<String> unwatched = inputs.stream().flatMap(i -> i.metrics().stream().filter(m -> !i.watched().contains(m)))
                .distinct().toList();
        return windowing + "; " + judged + (unwatched.isEmpty() ? ""
                : "; columns the detector does not watch are carried, not scored: " + unwatched);
    }

    /** The live windows of {@code --window}, or {@code null}: each row one closed window. */
    private static Rewindowing.Windows windows(ReplayOptions options) {
        if (options.window() == null) {
            if (options.lateness() != null || options.idleTimeout() != null) {
                throw new IllegalArgumentException("--lateness and --idle-timeout go with --window");
            }
            return null;
        }
        return Rewindowing.Windows.live(span("--window", options.window()), optionalSpan("--lateness", options.lateness()),
                optionalSpan("--idle-timeout", options.idleTimeout()));
    }

    private static Duration optionalSpan(String option, String text) {
        return text == null ? null : span(option, text);
    }

    private static Duration span(String option, String text) {
        try {
            return Spans.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }

    /** The detector named (default: the file's first, or {@value #DEFAULT_DETECTOR} of the shipped file). */
    public static DetectorDefinition detector(Path config, String name) {
        DetectorConfigLoader loader = new DetectorConfigLoader();
        List<DetectorDefinition> all = config == null ? loader.loadDefault() : loader.load(config);
        String chosen = name != null ? name : config != null ? all.get(0).name() : DEFAULT_DETECTOR;
        return all.stream().filter(d -> d.name().equals(chosen)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no detector '" + chosen + "' in the configuration, only "
                        + all.stream().map(DetectorDefinition::name).toList()));
    }

    /** {@code N/M/R}: anomalous windows of the last M to fire, R normal windows to resolve. */
    public static ConfirmationPolicy confirmation(String text) {
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

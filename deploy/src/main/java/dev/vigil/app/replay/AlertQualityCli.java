package dev.vigil.app.replay;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.vigil.alerting.config.AlertingConfig;
import dev.vigil.alerting.config.AlertingConfigLoader;
import dev.vigil.contracts.config.ConfigException;

/**
 * {@code alert-quality [--nab DIR] [--category realKnownCause] [--storm SENSORS] [--alerting alerting.yaml]
 * [--detector NAME] [--config detectors.yaml] [--confirm N/M/R]}: how many alerts people would have had. Replays
 * each NAB file of the category (its own site) and a generated incident storm ({@link StormScenario}: one site's
 * sensors breaking at once amid quiet hours; {@code --storm 0} leaves it out) through the live detectors, lifecycle
 * and dispatcher ({@link AlertQuality}), and prints per scenario: the anomalous windows (per-window alerting), the
 * incidents the lifecycle fired, the notifications the routing tree would have sent (after confirmation, cooldown,
 * flapping, grouping, inhibition), and the labelled incidents each covered; then the totals and the cut in alert
 * volume. Exit 0, or 2 with the reason for bad usage or input.
 */
public final class AlertQualityCli {

    private static final String USAGE = "usage: alert-quality [--nab DIR] [--category NAME] [--storm SENSORS]"
            + " [--alerting alerting.yaml] [--detector NAME] [--config detectors.yaml] [--confirm N/M/R]";
    private static final List<String> OPTIONS = List.of("--nab", "--category", "--storm", "--alerting", "--detector",
            "--config", "--confirm");
    /** The storm: 12 hours, the sensors breaking 8 hours in for 45 minutes. */
    private static final Instant STORM_START = Instant.parse("2026-03-02T00:00:00Z");
    private static final int STORM_HOURS = 12;
    private static final long SEED = 42;
    private static final String ROW = "%-58s %6s %9s %10s %8s %8s %10s %10s%n";

    private AlertQualityCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.console() != null));
    }

    static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!OPTIONS.contains(args[i]) || i + 1 == args.length) {
                err.println("alert-quality: unexpected argument '" + args[i] + "'\n" + USAGE);
                return 2;
            }
            options.put(args[i], args[i + 1]);
        }
        try {
            List<AlertQuality.Scenario> scenarios = scenarios(options);
            if (scenarios.isEmpty()) {
                err.println("alert-quality: nothing to replay: give --nab DIR or a --storm of at least one sensor\n" + USAGE);
                return 2;
            }
            AlertingConfigLoader loader = new AlertingConfigLoader(ReplayCli.RECEIVERS);
            AlertingConfig alerting = options.containsKey("--alerting")
                    ? loader.load(Path.of(options.get("--alerting"))) : loader.loadDefault();
            AlertQuality quality = new AlertQuality(ReplayCli.detector(options), ReplayCli.confirmation(
                    options.getOrDefault("--confirm", "2/3/3")), alerting);
            long rows = scenarios.stream().flatMap(s -> s.series().stream()).mapToLong(s -> s.table().rows().size()).sum();
            ProgressBar progress = new ProgressBar(err, terminal, rows);
            List<AlertQuality.Figures> figures = new ArrayList<>();
            for (AlertQuality.Scenario scenario : scenarios) {
                figures.add(quality.run(scenario, progress));
            }
            progress.finish("alert-quality: " + String.format(Locale.ROOT, "%,d", rows) + " readings replayed");
            print(figures, out);
            return 0;
        } catch (ReplayException | ConfigException | IllegalArgumentException | UncheckedIOException e) {
            err.println("alert-quality: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("alert-quality: " + e);
            return 2;
        }
    }

    private static List<AlertQuality.Scenario> scenarios(Map<String, String> options) throws IOException {
        List<AlertQuality.Scenario> scenarios = new ArrayList<>();
        if (options.containsKey("--nab")) {
            Path nab = Path.of(options.get("--nab"));
            String category = options.getOrDefault("--category", "realKnownCause");
            Path folder = nab.resolve("data").resolve(category);
            if (!Files.isDirectory(folder)) {
                throw new IllegalArgumentException("--nab " + nab + " has no folder data/" + category);
            }
            NabLabels labels = NabLabels.read(nab.resolve("labels/combined_windows.json"));
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".csv")).sorted().toList()) {
                    scenarios.add(nab(file, category + "/" + file.getFileName(), labels));
                }
            }
        }
        int sensors;
        try {
            sensors = Integer.parseInt(options.getOrDefault("--storm", "50"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--storm must be a number of sensors, got " + options.get("--storm"));
        }
        if (sensors < 0) {
            throw new IllegalArgumentException("--storm must be 0 or more sensors, got " + sensors);
        }
        if (sensors > 0) {
            scenarios.add(StormScenario.of(sensors, STORM_START, STORM_HOURS, Duration.ofHours(8), Duration.ofMinutes(45), SEED));
        }
        return scenarios;
    }

    /** A NAB file is one system of its own: its own site, so it never groups with another file. */
    private static AlertQuality.Scenario nab(Path file, String relative, NabLabels labels) throws IOException {
        ReplayTable table = ReplayTable.read(file);
        if (table.metrics().size() != 1) {
            throw new ReplayException(file, 0, "a NAB file has one value column, got " + table.metrics());
        }
        String site = file.getFileName().toString().replaceFirst("\\.csv$", "");
        TreeMap<String, String> siteLabel = new TreeMap<>(Map.of("site", site));
        List<AlertQuality.Incident> incidents = labels.windows(relative).stream()
                .map(w -> new AlertQuality.Incident(w.start(), w.end())).toList();
        return new AlertQuality.Scenario(relative, List.of(new AlertQuality.Series(relative, siteLabel, table)), incidents);
    }

    static void print(List<AlertQuality.Figures> figures, PrintStream out) {
        out.printf(ROW, "scenario", "series", "readings", "anomalous", "alerts", "sent", "covered", "by windows");
        AlertQuality.Figures total = new AlertQuality.Figures("total", 0, 0, 0, 0, 0, 0, 0, 0);
        for (AlertQuality.Figures f : figures) {
            line(f, out);
            total = total.plus(f);
        }
        line(total, out);
        out.printf(Locale.ROOT, "%nanomalous = windows per-window alerting would have sent; alerts = incidents the lifecycle"
                + " fired (confirmation, cooldown, flapping); sent = notifications after routing, grouping and inhibition;"
                + " covered = labelled incidents with a notification sent during them (by windows: with an anomalous"
                + " window).%nAlert volume cut vs per-window alerting: %.1f %% (%,d sent for %,d anomalous windows);"
                + " labelled incidents covered: %d of %d.%n", 100 * total.cut(), total.notifications(),
                total.anomalousWindows(), total.covered(), total.incidents());
    }

    private static void line(AlertQuality.Figures f, PrintStream out) {
        out.printf(Locale.ROOT, ROW, f.scenario(), f.series(), String.format(Locale.ROOT, "%,d", f.rows()),
                String.format(Locale.ROOT, "%,d", f.anomalousWindows()), f.alerts(), f.notifications(),
                f.covered() + "/" + f.incidents(), f.coveredByWindows() + "/" + f.incidents());
    }
}

package dev.vigil.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Replays real NAB series (test resources, MIT) and hand-made CSV through the default detector. */
class ReplayCliTest {

    @TempDir
    Path work;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int replay(String... args) {
        return ReplayCli.run(args, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static Path nab() throws URISyntaxException {
        return Path.of(ReplayCliTest.class.getResource("/nab").toURI());
    }

    @Test
    void writesNabResultsThatKeepEveryRowAndFindTheJump() throws Exception {
        Path results = work.resolve("results");

        int code = replay("--input", nab().resolve("data").toString(), "--output", results.toString(), "--format", "nab",
                "--labels", nab().resolve("labels/combined_windows.json").toString());

        assertThat(code).as(err()).isZero();
        Path jumps = results.resolve("metric-baseline/artificialWithAnomaly/metric-baseline_art_daily_jumpsup.csv");
        Path quiet = results.resolve("metric-baseline/artificialNoAnomaly/metric-baseline_art_daily_no_noise.csv");
        List<String> in = Files.readAllLines(nab().resolve("data/artificialWithAnomaly/art_daily_jumpsup.csv"));
        List<String> out = Files.readAllLines(jumps);
        assertThat(out).hasSameSizeAs(in);
        assertThat(out.get(0)).isEqualTo("timestamp,value,anomaly_score,label");
        for (int r = 1; r < out.size(); r++) {
            String[] cells = out.get(r).split(",");
            assertThat(cells[0] + "," + cells[1]).isEqualTo(in.get(r));
            assertThat(Double.parseDouble(cells[2])).isBetween(0.0, 1.0);
        }
        // the window is 2014-04-10 16:15 to 2014-04-12 01:45 inclusive, 5-minute steps
        assertThat(out.stream().skip(1).filter(l -> l.endsWith(",1")).count()).isEqualTo(403);
        double inWindow = maxScore(out, true);
        assertThat(inWindow).as("the jump is anomalous").isGreaterThan(0.5);
        assertThat(Files.readAllLines(quiet)).hasSize(4033);
        assertThat(err()).contains("8,064 rows in 2 files scored by metric-baseline");
    }

    private static double maxScore(List<String> nabRows, boolean inWindow) {
        return nabRows.stream().skip(1).map(l -> l.split(","))
                .filter(c -> c[3].equals(inWindow ? "1" : "0"))
                .mapToDouble(c -> Double.parseDouble(c[2])).max().orElseThrow();
    }

    @Test
    void nabResultsOfTheAlertsCarryOneWhereAnAlertFiredUnderTheirOwnDetectorName() throws Exception {
        Path results = work.resolve("results");

        int code = replay("--input", nab().resolve("data").toString(), "--output", results.toString(), "--format", "nab",
                "--nab-score", "alert");

        assertThat(code).as(err()).isZero();
        List<String> out = Files.readAllLines(results.resolve(
                "metric-baseline-alerts/artificialWithAnomaly/metric-baseline-alerts_art_daily_jumpsup.csv"));
        assertThat(out).hasSize(4033);
        assertThat(out.stream().skip(1).map(l -> l.split(",")[2])).allMatch(s -> s.equals("0") || s.equals("1.000000"))
                .anyMatch(s -> s.equals("1.000000"));
    }

    @Test
    void csvFormatAppendsScoreAndAlertToEveryRowInOrderUnderTheSameRelativeName() throws IOException {
        Path input = Files.createDirectories(work.resolve("in/plant"));
        StringBuilder csv = new StringBuilder("timestamp,temperature,pressure,label\n");
        for (int i = 0; i < 200; i++) {
            double temperature = 20 + (i % 5) * 0.1 + (i >= 150 && i < 160 ? 15 : 0);
            csv.append("2026-11-01T00:").append(String.format("%02d:%02dZ", i / 60, i % 60)).append(',')
                    .append(temperature).append(',').append(1000 + (i % 3)).append(',').append(i >= 150 && i < 160 ? 1 : 0)
                    .append('\n');
        }
        Files.writeString(input.resolve("boiler.csv"), csv);
        // a detector that judges from its tenth row: the shipped one learns for longer than this file lasts
        Path detectors = Files.writeString(work.resolve("detectors.yaml"), """
                detectors:
                  boiler:
                    stream: metrics
                    scorers: {robust-z: {threshold: 3.5}}
                """);

        int code = replay("--input", work.resolve("in").toString(), "--output", work.resolve("out").toString(),
                "--config", detectors.toString());

        assertThat(code).as(err()).isZero();
        List<String> out = Files.readAllLines(work.resolve("out/plant/boiler.csv"));
        List<String> in = List.of(csv.toString().split("\n"));
        assertThat(out).hasSize(201);
        assertThat(out.get(0)).isEqualTo("timestamp,temperature,pressure,label,anomaly_score,alert");
        for (int r = 1; r < out.size(); r++) {
            assertThat(out.get(r)).startsWith(in.get(r) + ",");
        }
        assertThat(out.subList(151, 161)).anyMatch(l -> l.endsWith(",1"));
        assertThat(out.subList(1, 150)).noneMatch(l -> l.endsWith(",1"));
    }

    @Test
    void aBadRowFailsTheRunNamingFileAndRowAndWritesNothing() throws IOException {
        Path input = Files.createDirectories(work.resolve("in"));
        Files.writeString(input.resolve("a.csv"), "timestamp,value\n2026-11-01T00:00:00Z,1\n2026-11-01T00:01:00Z,oops\n");

        int code = replay("--input", input.toString(), "--output", work.resolve("out").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err()).contains("a.csv:2: 'oops' is not a number");
        assertThat(work.resolve("out")).doesNotExist();
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left).extracting(p -> p.getFileName().toString()).containsExactly("in");
        }
    }

    @Test
    void refusesBadUsageWithAClearMessage() throws IOException {
        Path input = Files.createDirectories(work.resolve("in"));
        Files.writeString(input.resolve("a.csv"), "time,value\n1,2\n");

        assertThat(replay("--input", input.toString())).isEqualTo(2);
        assertThat(err()).contains("Missing required option: '--output=DIR'").contains("Usage: replay");
        assertThat(replay("--input", input.toString(), "--output", "x", "--detector", "nope")).isEqualTo(2);
        assertThat(err()).contains("no detector 'nope' in the configuration, only [metric-baseline, log-errors, log-template-rates, "
                + "log-new-errors, log-session-counts, log-session-order]");
        assertThat(replay("--input", input.toString(), "--output", "x", "--format", "xml")).isEqualTo(2);
        assertThat(err()).contains("--format must be csv or nab");
        assertThat(replay("--input", input.toString(), "--output", "x")).isEqualTo(2);
        assertThat(err()).contains("a.csv: the first column must be 'timestamp', got 'time'");
    }

    @Test
    void aSpreadsheetsQuotedCellsCrlfAndByteOrderMarkAreReadAndWrittenBackQuoted() throws IOException {
        Path input = Files.createDirectories(work.resolve("in"));
        StringBuilder csv = new StringBuilder("\uFEFF\"timestamp\",\"temperature\",\"label\"\r\n");
        for (int i = 0; i < 120; i++) {
            csv.append(String.format(Locale.ROOT, "\"2026-11-01T00:%02d:%02dZ\",\"%d.5\",\"%s\"\r\n", i / 60, i % 60,
                    20 + i % 3, i == 7 ? "door open, \"\"hall B\"\"" : "ok"));
        }
        Files.writeString(input.resolve("sheet.csv"), csv);

        int code = replay("--input", input.toString(), "--output", work.resolve("out").toString());

        assertThat(code).as(err()).isZero();
        List<String> out = Files.readAllLines(work.resolve("out/sheet.csv"));
        assertThat(out).hasSize(121);
        assertThat(out.get(0)).isEqualTo("timestamp,temperature,label,anomaly_score,alert");
        assertThat(out.get(1)).startsWith("2026-11-01T00:00:00Z,20.5,ok,");
        assertThat(out.get(8)).startsWith("2026-11-01T00:00:07Z,21.5,\"door open, \"\"hall B\"\"\",");
    }

    @Test
    void aBadRowIsNamedByItsNumberAfterTheHeaderAsBeforeWhateverItsQuoting() throws IOException {
        Path input = Files.createDirectories(work.resolve("in"));
        Files.writeString(input.resolve("a.csv"), "timestamp,value,label\r\n2026-11-01T00:00:00Z,1,\"a,b\"\r\n\r\n"
                + "2026-11-01T00:01:00Z,\"1,5\",x\r\n");
        Files.writeString(input.resolve("b.csv"), "timestamp,value\n2026-11-01T00:00:00Z,1\n2026-11-01T00:01:00Z,\"2\n");
        Files.writeString(input.resolve("c.csv"), "timestamp,value\n2026-11-01T00:00:00Z,1,\"x,y\"\n");

        assertThat(replay("--input", input.resolve("a.csv").toString(), "--output", work.resolve("out").toString())).isEqualTo(2);
        assertThat(replay("--input", input.resolve("b.csv").toString(), "--output", work.resolve("out").toString())).isEqualTo(2);
        assertThat(replay("--input", input.resolve("c.csv").toString(), "--output", work.resolve("out").toString())).isEqualTo(2);

        assertThat(err()).contains("a.csv:3: '1,5' is not a number")
                .contains("b.csv:2: a quoted cell is not closed before the end of the file")
                .contains("c.csv:1: expected 2 columns as in the header, got 3");
        assertThat(work.resolve("out")).doesNotExist();
    }

    @Test
    void aRowWithTheTimeOfTheOneBeforeOrAnEarlierOneIsScoredAsAWindowOfItsOwn() throws IOException {
        Path input = Files.createDirectories(work.resolve("in"));
        StringBuilder orderedCsv = new StringBuilder("timestamp,value\n");
        StringBuilder repeatedCsv = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < 300; i++) {
            String value = String.format(Locale.ROOT, "%.1f%n", 20 + (i * 7) % 11 * 0.1 + (i == 250 ? 9 : 0));
            orderedCsv.append(String.format(Locale.ROOT, "2026-11-01T%02d:%02d:00Z,", i / 60, i % 60)).append(value);
            // three rows a minute, every tenth row a minute back in time
            int minute = i / 3 - (i % 10 == 9 ? 1 : 0);
            repeatedCsv.append(String.format(Locale.ROOT, "2026-11-01T%02d:%02d:00Z,", minute / 60, minute % 60))
                    .append(value);
        }
        Files.writeString(input.resolve("ordered.csv"), orderedCsv);
        Files.writeString(input.resolve("repeated.csv"), repeatedCsv);
        Path config = Files.writeString(work.resolve("detectors.yaml"), """
                detectors:
                  plain:
                    stream: metrics
                    scorers: {robust-z: {}, cusum: {}}
                """);

        int code = replay("--input", input.toString(), "--output", work.resolve("out").toString(), "--config",
                config.toString());

        assertThat(code).as(err()).isZero();
        List<String> ordered = Files.readAllLines(work.resolve("out/ordered.csv"));
        List<String> repeated = Files.readAllLines(work.resolve("out/repeated.csv"));
        for (int r = 1; r <= 300; r++) {
            assertThat(repeated.get(r).substring(repeated.get(r).indexOf(',')))
                    .as("row %d: the same value scored the same, whatever its time", r)
                    .isEqualTo(ordered.get(r).substring(ordered.get(r).indexOf(',')));
        }
        assertThat(Double.parseDouble(repeated.get(251).split(",")[2])).isGreaterThan(0.5);
    }

    @Test
    void historicalDataIsReadAsDataToolsWriteIt() throws IOException {
        Path input = Files.createDirectories(work.resolve("in"));
        StringBuilder daily = new StringBuilder("Timestamp,orders,is_anomaly\n");
        StringBuilder epochs = new StringBuilder("timestamp,value\n");
        String[] missing = {"NaN", "NA", "n/a", "null", "None", "inf", "-Infinity", ""};
        for (int i = 0; i < 120; i++) {
            String value = i >= 60 && i < 60 + missing.length ? missing[i - 60] : String.valueOf(100 + i % 7);
            daily.append(java.time.LocalDate.of(2026, 1, 1).plusDays(i)).append(',').append(value).append(',')
                    .append(i == 100 ? 1 : 0).append('\n');
            epochs.append(1_767_225_600 + 60 * i).append(".25,").append(value).append('\n');
        }
        Files.writeString(input.resolve("daily.csv"), daily);
        Files.writeString(input.resolve("epochs.csv"), epochs);

        int code = replay("--input", input.toString(), "--output", work.resolve("out").toString(), "--carry", "is_anomaly");

        assertThat(code).as(err()).isZero();
        assertThat(err()).contains("judges the value column as a series")
                .contains("240 rows in 2 files").contains("14 cells NaN, NA, null or infinite read as missing");
        List<String> out = Files.readAllLines(work.resolve("out/daily.csv"));
        assertThat(out.get(0)).isEqualTo("Timestamp,orders,is_anomaly,anomaly_score,alert");
        assertThat(out).hasSize(121);
        assertThat(out.subList(61, 61 + missing.length)).as("a missing value is not scored")
                .allMatch(l -> l.endsWith(",0,0"));
        assertThat(Files.readAllLines(work.resolve("out/epochs.csv"))).hasSize(121);
    }

    @Test
    void aCarriedColumnNoFileHasIsRefusedRatherThanLetALabelColumnBeScored() throws IOException {
        Path input = Files.createDirectories(work.resolve("in"));
        Files.writeString(input.resolve("a.csv"), "timestamp,value,is_anomaly\n2026-01-01T00:00:00Z,1,0\n");

        assertThat(replay("--input", input.toString(), "--output", work.resolve("out").toString(), "--carry",
                "is_anomally")).isEqualTo(2);
        assertThat(err()).contains("--carry is_anomally: no file has that column");
        assertThat(work.resolve("out")).doesNotExist();
    }

    @Test
    void aTimeThatIsNoTimeStopsTheRunNamingTheRow() throws IOException {
        Path input = Files.createDirectories(work.resolve("in"));
        Files.writeString(input.resolve("a.csv"), "timestamp,value\n2026-01-01,1\n01/02/2026,2\n");

        assertThat(replay("--input", input.toString(), "--output", work.resolve("out").toString())).isEqualTo(2);
        assertThat(err()).contains("a.csv:2: timestamp '01/02/2026' is not ISO-8601 or epoch seconds/millis");
    }
}

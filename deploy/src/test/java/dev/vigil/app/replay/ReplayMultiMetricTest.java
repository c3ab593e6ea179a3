package dev.vigil.app.replay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import dev.vigil.app.cli.ReplayCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file of several metric columns: a series detector judges each column as a series of its own (its own learned
 * state and alerts) and a row's score is the highest of its columns' scores; a group detector judges a row's metrics
 * together, as one entity, so a joint shift that no metric shows alone is found.
 */
class ReplayMultiMetricTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final String DETECTORS = """
            detectors:
              per-metric:
                stream: metrics
                baseline: {min-values: 20}
                scorers: {robust-z: {threshold: 3.5}}
              host:
                stream: metrics
                group: [cpu, mem]
                baseline: {min-values: 20}
                scorers: {robust-z: {threshold: 3.5}}
                combine: {rss: {threshold: 4}}
            """;
    /** The cycle each metric repeats: median 0, MAD 0.5, so a robust sigma of 0.74. */
    private static final double[] CYCLE = {-1, -0.5, 0, 0.5, 1};

    @TempDir
    Path work;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void eachColumnIsASeriesOfItsOwnAndARowScoresTheHighestOfThem() throws IOException {
        Random random = new Random(5);
        int rows = 300;
        double[][] values = new double[3][rows];
        for (int r = 0; r < rows; r++) {
            values[0][r] = 20 + random.nextGaussian();
            values[1][r] = 50 + 3 * random.nextGaussian() + (r >= 200 && r < 206 ? 40 : 0);
            values[2][r] = 0.2 * random.nextGaussian() + (r >= 250 && r < 252 ? -5 : 0);
        }
        List<String> names = List.of("cpu", "mem", "disk");
        write("host/all.csv", names, values);
        for (int m = 0; m < 3; m++) {
            write("alone/" + names.get(m) + ".csv", List.of(names.get(m)), new double[][] {values[m]});
        }

        assertThat(replay("host", "per-metric")).as(err()).isZero();
        assertThat(replay("alone", "per-metric")).as(err()).isZero();

        List<String> all = Files.readAllLines(work.resolve("out-host/all.csv"));
        List<List<String>> alone = names.stream().map(this::alone).toList();
        int alerts = 0;
        for (int r = 1; r <= rows; r++) {
            double highest = 0;
            boolean anyAlert = false;
            for (List<String> metric : alone) {
                String[] cells = metric.get(r).split(",");
                highest = Math.max(highest, Double.parseDouble(cells[2]));
                anyAlert |= cells[3].equals("1");
            }
            String[] cells = all.get(r).split(",");
            assertThat(Double.parseDouble(cells[4])).as("row %d", r).isEqualTo(highest);
            assertThat(cells[5]).as("row %d", r).isEqualTo(anyAlert ? "1" : "0");
            alerts += anyAlert ? 1 : 0;
        }
        assertThat(alerts).as("mem's incident and disk's, each the alert of its own series").isEqualTo(2);
        assertThat(err()).contains("detector per-metric judges each metric column as a series of its own; a row's "
                + "anomaly_score is the highest of its metrics' scores (max)");
    }

    @Test
    void aGroupDetectorJudgesARowsMetricsAsOneEntityAndFindsAJointShift() throws IOException {
        writeJointShift();

        assertThat(replay("host", "host")).as(err()).isZero();

        List<String> group = Files.readAllLines(work.resolve("out-host/joint.csv"));
        assertThat(err()).contains("detector host judges a row's metrics together, as one entity");
        for (int r = 251; r <= 254; r++) {
            assertThat(score(group, r)).as("row %d", r).isGreaterThan(0.5);
        }
        for (int r = 21; r <= 250; r++) {
            assertThat(score(group, r)).as("row %d", r).isLessThan(0.5);
        }
        assertThat(group.subList(251, 255)).as("one alert for the entity").filteredOn(l -> l.endsWith(",1")).hasSize(1);
    }

    @Test
    void aSeriesDetectorAloneDoesNotFindTheJointShift() throws IOException {
        writeJointShift();

        assertThat(replay("host", "per-metric")).as(err()).isZero();

        List<String> out = Files.readAllLines(work.resolve("out-host/joint.csv"));
        for (int r = 1; r < out.size(); r++) {
            assertThat(score(out, r)).as("row %d", r).isLessThan(0.5);
        }
    }

    @Test
    void aDetectorThatWatchesNoColumnOrNoMetricsIsRefusedBeforeAnythingIsScored() throws IOException {
        write("host/other.csv", List.of("x", "y"), new double[][] {{1, 2}, {3, 4}});

        assertThat(replay("host", "host")).isEqualTo(2);
        assertThat(ReplayCli.run(new String[] {"--input", work.resolve("host").toString(), "--output",
                work.resolve("out").toString(), "--detector", "log-errors"}, new PrintStream(err, true,
                StandardCharsets.UTF_8))).isEqualTo(2);

        assertThat(err()).contains("other.csv: detector 'host' watches the metrics [cpu, mem], and no column of the file "
                + "[x, y] is one of them")
                .contains("detector 'log-errors' judges logs windows; replay runs metric files through a detector of "
                        + "stream: metrics");
        assertThat(work.resolve("out-host")).doesNotExist();
    }

    /**
     * 300 rows of cpu and mem, each repeating its cycle, both 2.5 above their median on rows 251 to 254 (data rows
     * from 1): 3.4 robust sigmas each, under 3.5; together 4.8, over the rss limit of 4.
     */
    private void writeJointShift() throws IOException {
        int rows = 300;
        double[][] values = new double[2][rows];
        for (int r = 0; r < rows; r++) {
            boolean joint = r >= 250 && r < 254;
            values[0][r] = 40 + (joint ? 2.5 : CYCLE[r % CYCLE.length]);
            values[1][r] = 70 + (joint ? 2.5 : CYCLE[(r + 2) % CYCLE.length]);
        }
        write("host/joint.csv", List.of("cpu", "mem"), values);
    }

    private int replay(String folder, String detector) throws IOException {
        Path config = Files.writeString(work.resolve("detectors.yaml"), DETECTORS);
        return ReplayCli.run(new String[] {"--input", work.resolve(folder).toString(), "--output",
                work.resolve("out-" + folder).toString(), "--config", config.toString(), "--detector", detector},
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<String> alone(String metric) {
        try {
            return Files.readAllLines(work.resolve("out-alone/" + metric + ".csv"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static double score(List<String> out, int row) {
        String[] cells = out.get(row).split(",");
        return Double.parseDouble(cells[cells.length - 2]);
    }

    private void write(String name, List<String> metrics, double[][] values) throws IOException {
        StringBuilder csv = new StringBuilder("timestamp," + String.join(",", metrics) + "\n");
        for (int r = 0; r < values[0].length; r++) {
            csv.append(T0.plusSeconds(60L * r));
            for (double[] metric : values) {
                csv.append(',').append(String.format(Locale.ROOT, "%.4f", metric[r]));
            }
            csv.append('\n');
        }
        Path file = work.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, csv);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}

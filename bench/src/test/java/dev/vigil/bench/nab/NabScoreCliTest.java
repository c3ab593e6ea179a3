package dev.vigil.bench.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line on a tiny NAB folder written to a temporary directory. */
class NabScoreCliTest {

    @TempDir
    Path dir;
    private Path nab;
    private Path results;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static final String PROFILES = """
            {"standard": {"CostMatrix": {"tpWeight": 1.0, "fnWeight": 1.0, "fpWeight": 0.11, "tnWeight": 1.0}},
             "reward_low_FP_rate": {"CostMatrix": {"tpWeight": 1.0, "fnWeight": 1.0, "fpWeight": 0.22, "tnWeight": 1.0}},
             "reward_low_FN_rate": {"CostMatrix": {"tpWeight": 1.0, "fnWeight": 2.0, "fpWeight": 0.11, "tnWeight": 1.0}}}
            """;

    @BeforeEach
    void corpus() throws IOException {
        nab = dir.resolve("nab");
        results = dir.resolve("results");
        writeData("catA/one.csv", 100);
        writeData("catB/two.csv", 60);
        Files.createDirectories(nab.resolve("labels"));
        Files.writeString(nab.resolve("labels/combined_windows.json"), """
                {"catA/one.csv": [["2020-01-01 00:40:00.000000", "2020-01-01 00:49:00.000000"]],
                 "catB/two.csv": [["2020-01-01 00:30:00.000000", "2020-01-01 00:35:00.000000"]]}
                """);
        Files.createDirectories(nab.resolve("config"));
        Files.writeString(nab.resolve("config/profiles.json"), PROFILES);
        writeResults("catA/one.csv", 100, 40);
        writeResults("catB/two.csv", 60, 30);
    }

    private void writeData(String rel, int rows) throws IOException {
        List<String> lines = new ArrayList<>(List.of("timestamp,value"));
        for (int i = 0; i < rows; i++) {
            lines.add(ts(i) + "," + (i % 7));
        }
        Path p = nab.resolve("data").resolve(rel);
        Files.createDirectories(p.getParent());
        Files.write(p, lines);
    }

    private void writeResults(String rel, int rows, int detectAt) throws IOException {
        List<String> lines = new ArrayList<>(List.of("timestamp,value,anomaly_score,label"));
        for (int i = 0; i < rows; i++) {
            lines.add(ts(i) + "," + (i % 7) + "," + (i == detectAt ? "1.0" : "0.0") + ",0");
        }
        writeResultLines(rel, lines);
    }

    private Path writeResultLines(String rel, List<String> lines) throws IOException {
        String cat = rel.substring(0, rel.indexOf('/'));
        Path p = results.resolve("det").resolve(cat).resolve("det_" + rel.substring(rel.indexOf('/') + 1));
        Files.createDirectories(p.getParent());
        Files.write(p, lines);
        return p;
    }

    private static String ts(int minute) {
        return TestSeries.T0.plusMinutes(minute).toString().replace('T', ' ') + ":00";
    }

    private int run(String... extra) {
        List<String> args = new ArrayList<>(List.of("--nab", nab.toString(), "--results", results.toString(),
                "--detector", "det"));
        args.addAll(List.of(extra));
        return NabScore.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void scoresAPerfectDetectorAndWritesJson() throws IOException {
        Path json = dir.resolve("out/score.json");
        assertThat(run("--threshold", "0.5", "--json", json.toString())).isZero();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("profile standard", "profile reward_low_FP_rate", "profile reward_low_FN_rate",
                "score 100.00", "catA", "catB", "fixed");
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.path("detector").asText()).isEqualTo("det");
        JsonNode std = root.path("profiles").path("standard");
        assertThat(std.path("optimised").path("score").asDouble()).isEqualTo(100.0);
        assertThat(std.path("optimised").path("threshold").asDouble()).isEqualTo(1.0);
        assertThat(std.path("optimised").path("tpWindows").asInt()).isEqualTo(2);
        assertThat(std.path("fixed").path("threshold").asDouble()).isEqualTo(0.5);
        assertThat(std.path("categories").path("catB").path("score").asDouble()).isEqualTo(100.0);
    }

    @Test
    void missingResultsFileIsExitCode2NamingIt() throws IOException {
        Files.delete(results.resolve("det/catB/det_two.csv"));
        assertThat(run()).isEqualTo(2);
        assertThat(stderr()).contains("det_two.csv", "missing");
    }

    @Test
    void wrongRowCountIsExitCode2NamingFileAndRow() throws IOException {
        writeResults("catB/two.csv", 59, 30);
        assertThat(run()).isEqualTo(2);
        assertThat(stderr()).contains("det_two.csv", "59 result rows", "60 data rows");

        writeResults("catB/two.csv", 61, 30);
        assertThat(run()).isEqualTo(2);
        assertThat(stderr()).contains("row 62", "more result rows");
    }

    @Test
    void scoreOutsideZeroOneIsExitCode2NamingFileAndRow() throws IOException {
        List<String> lines = new ArrayList<>(List.of("timestamp,value,anomaly_score,label"));
        for (int i = 0; i < 60; i++) {
            lines.add(ts(i) + ",1," + (i == 7 ? "1.5" : "0.0") + ",0");
        }
        writeResultLines("catB/two.csv", lines);
        assertThat(run()).isEqualTo(2);
        assertThat(stderr()).contains("det_two.csv", "row 9", "outside [0, 1]");

        lines.set(8, ts(7) + ",1,NaN,0");
        writeResultLines("catB/two.csv", lines);
        assertThat(run()).isEqualTo(2);
        assertThat(stderr()).contains("row 9");

        lines.set(8, ts(7) + ",1,abc,0");
        writeResultLines("catB/two.csv", lines);
        assertThat(run()).isEqualTo(2);
        assertThat(stderr()).contains("row 9", "not a number");
    }

    @Test
    void rowsOutOfOrderAreAnError() throws IOException {
        List<String> lines = new ArrayList<>(List.of("timestamp,value,anomaly_score,label"));
        for (int i = 59; i >= 0; i--) {
            lines.add(ts(i) + ",1,0.0,0");
        }
        writeResultLines("catB/two.csv", lines);
        assertThat(run()).isEqualTo(2);
        assertThat(stderr()).contains("det_two.csv", "row 2", "differs");
    }

    @Test
    void badArgumentsAreExitCode2() {
        assertThat(NabScore.run(new String[] {"--nab"}, new PrintStream(out), new PrintStream(err))).isEqualTo(2);
        assertThat(NabScore.run(new String[] {"--nab", "x"}, new PrintStream(out), new PrintStream(err))).isEqualTo(2);
        assertThat(run("--threshold", "high")).isEqualTo(2);
        assertThat(NabScore.run(new String[] {"--nab", nab.toString(), "--results", results.toString(),
                "--detector", "nobody"}, new PrintStream(out), new PrintStream(err))).isEqualTo(2);
        assertThat(stderr()).contains("nobody");
    }
}

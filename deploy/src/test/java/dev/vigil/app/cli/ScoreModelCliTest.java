package dev.vigil.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.vigil.scoring.pmml.TestModels.readCsv;
import static dev.vigil.scoring.pmml.TestModels.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScoreModelCliTest {

    private static final String HEADER = "row_id,login_count_1h,failed_login_ratio_1h,distinct_ips_24h,"
            + "distinct_countries_24h,write_ops_ratio,requests_per_min,distinct_endpoints,night_activity_ratio,"
            + "injected,scenario";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void scoresEveryRowAndAppendsTheScoreAndTheModelsOutputs() throws IOException {
        List<String> rows = Files.readAllLines(resource("userbehaviour_test.csv")).subList(0, 6);
        Path input = Files.write(dir.resolve("rows.csv"), rows);
        Path output = dir.resolve("scored.csv");

        int code = run("--model", resource("ocsvm_userbehaviour.pmml").toString(), "--input", input.toString(),
                "--output", output.toString());

        assertThat(code).as(stderr()).isZero();
        assertThat(stderr()).startsWith("score-model: scored 5 rows with ocsvm_userbehaviour.pmml (one-class SVM,")
                .contains("sha256 bc7d949f").contains(" ms ");
        List<String> scored = Files.readAllLines(output);
        assertThat(scored).hasSize(6);
        assertThat(scored.get(0))
                .isEqualTo(HEADER + ",vigil_anomaly_score,decisionFunction,outlier,predict(outlier)");
        List<Map<String, String>> results = readCsv(output);
        List<Map<String, String>> golden = readCsv(resource("golden_ocsvm_userbehaviour.csv"));
        for (int i = 0; i < 5; i++) {
            // the input row is carried through unchanged
            assertThat(scored.get(i + 1)).startsWith(rows.get(i + 1) + ",");
            assertThat(Double.parseDouble(results.get(i).get("decisionFunction")))
                    .isCloseTo(Double.parseDouble(golden.get(i).get("decision_function")), within(1e-9));
            double score = Double.parseDouble(results.get(i).get("vigil_anomaly_score"));
            assertThat(score).isBetween(0.0, 1.0);
        }
    }

    @Test
    void aRowWithANonNumberExitsWith2NamingRowAndFieldAndWritesNothing() throws IOException {
        Path input = Files.write(dir.resolve("rows.csv"), List.of(HEADER,
                "0,5,0.02,1,1,0.07,46.0,10,0.14,0,normal",
                "1,4,0.06,1,1,0.15,35.8,12,0.27,0,normal",
                "2,4,0.06,one,1,0.15,35.8,12,0.27,0,normal"));
        Path output = dir.resolve("scored.csv");

        int code = run("--model", resource("kmeans_userbehaviour.pmml").toString(), "--input", input.toString(),
                "--output", output.toString());

        assertThat(code).isEqualTo(2);
        assertThat(stderr()).contains("row 3, field 'distinct_ips_24h': 'one' is not a number");
        assertThat(dir.toFile().list()).containsExactly("rows.csv");
    }

    @Test
    void anEmptyOrNanCellExitsWith2NamingRowAndField() throws IOException {
        Path empty = Files.write(dir.resolve("empty.csv"), List.of(HEADER,
                "0,5,,1,1,0.07,46.0,10,0.14,0,normal"));
        Path nan = Files.write(dir.resolve("nan.csv"), List.of(HEADER,
                "0,5,0.02,1,1,0.07,46.0,10,0.14,0,normal",
                "1,5,0.02,1,1,NaN,46.0,10,0.14,0,normal"));
        String model = resource("kmeans_userbehaviour.pmml").toString();

        assertThat(run("--model", model, "--input", empty.toString(), "--output", dir + "/a.csv")).isEqualTo(2);
        assertThat(run("--model", model, "--input", nan.toString(), "--output", dir + "/b.csv")).isEqualTo(2);

        assertThat(stderr()).contains("row 1, field 'failed_login_ratio_1h': the value is missing")
                .contains("row 2").contains("'write_ops_ratio' is NaN");
    }

    @Test
    void aMissingColumnOrShortRowExitsWith2() throws IOException {
        Path noColumn = Files.write(dir.resolve("no-column.csv"), List.of(
                HEADER.replace(",night_activity_ratio", ""), "0,5,0.02,1,1,0.07,46.0,10,0,normal"));
        Path shortRow = Files.write(dir.resolve("short.csv"), List.of(HEADER, "0,5,0.02,1,1,0.07"));
        String model = resource("kmeans_userbehaviour.pmml").toString();

        assertThat(run("--model", model, "--input", noColumn.toString(), "--output", dir + "/a.csv")).isEqualTo(2);
        assertThat(run("--model", model, "--input", shortRow.toString(), "--output", dir + "/b.csv")).isEqualTo(2);

        assertThat(stderr()).contains("no column for model input field 'night_activity_ratio'")
                .contains("row 1: has 6 columns, the header has 11");
    }

    @Test
    void aBadModelExitsWith2NamingTheFile() throws IOException {
        Path model = Files.writeString(dir.resolve("broken.pmml"), "not a model");

        int code = run("--model", model.toString(), "--input", resource("userbehaviour_test.csv").toString(),
                "--output", dir.resolve("scored.csv").toString());

        assertThat(code).isEqualTo(2);
        assertThat(stderr()).contains("Cannot load PMML model " + model);
    }

    @Test
    void badUsageExitsWith2WithTheUsage() {
        assertThat(run("--model", "m.pmml", "--input")).isEqualTo(2);
        assertThat(run("--model", "m.pmml", "--input", "r.csv", "--output", "s.csv", "--modle", "m.pmml")).isEqualTo(2);

        assertThat(stderr()).contains("Missing required parameter for option '--input' (rows.csv)")
                .contains("Unknown options: '--modle', 'm.pmml'")
                .contains("Usage: score-model [-hV] --input=rows.csv --model=FILE.pmml --output=scored.csv");
    }

    @Test
    void readsQuotedCellsCrlfAndAByteOrderMarkAndQuotesThemAgainInTheOutput() throws IOException {
        List<String> plain = Files.readAllLines(resource("userbehaviour_test.csv")).subList(0, 4);
        StringBuilder quoted = new StringBuilder("\uFEFFentity,").append(plain.get(0)).append("\r\n");
        for (String row : plain.subList(1, 4)) {
            quoted.append("\"temperature{device=boiler-1,site=plant-1}\",").append(row.replace(",normal", ",\"say \"\"normal\"\"\""))
                    .append("\r\n");
        }
        Path input = Files.writeString(dir.resolve("quoted.csv"), quoted);
        Path reference = Files.write(dir.resolve("plain.csv"), plain);
        String model = resource("ocsvm_userbehaviour.pmml").toString();

        assertThat(run("--model", model, "--input", input.toString(), "--output", dir + "/quoted-scored.csv")).as(stderr()).isZero();
        assertThat(run("--model", model, "--input", reference.toString(), "--output", dir + "/plain-scored.csv")).as(stderr()).isZero();

        List<Map<String, String>> scored = readCsv(dir.resolve("quoted-scored.csv"));
        List<Map<String, String>> expected = readCsv(dir.resolve("plain-scored.csv"));
        assertThat(scored).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(scored.get(i).get("entity")).isEqualTo("temperature{device=boiler-1,site=plant-1}");
            assertThat(scored.get(i).get("scenario")).isEqualTo("say \"normal\"");
            assertThat(scored.get(i).get("vigil_anomaly_score")).isEqualTo(expected.get(i).get("vigil_anomaly_score"));
        }
        assertThat(Files.readAllLines(dir.resolve("quoted-scored.csv")).get(1))
                .startsWith("\"temperature{device=boiler-1,site=plant-1}\",");
    }

    @Test
    void textThatIsNotCsvExitsWith2NamingTheRow() throws IOException {
        Path input = Files.write(dir.resolve("rows.csv"), List.of(HEADER,
                "0,5,0.02,1,1,0.07,46.0,10,0.14,0,normal",
                "1,4,0.06,1,1,0.15,35.8,12,0.27,0,\"normal"));

        int code = run("--model", resource("kmeans_userbehaviour.pmml").toString(), "--input", input.toString(),
                "--output", dir.resolve("scored.csv").toString());

        assertThat(code).isEqualTo(2);
        assertThat(stderr()).contains("rows.csv row 2: a quoted cell is not closed before the end of the file");
        assertThat(dir.toFile().list()).containsExactly("rows.csv");
    }

    private int run(String... args) {
        return ScoreModelCli.run(args, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}

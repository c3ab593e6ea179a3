package dev.vigil.app.feedback;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.vigil.app.cli.ExportFeaturesCli;
import dev.vigil.app.testing.ReferenceModels;
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Score;
import dev.vigil.feedback.history.ScoreHistory;
import dev.vigil.ingest.csv.CsvReader;
import dev.vigil.ingest.csv.CsvRow;
import dev.vigil.scoring.pmml.ScoreModelCli;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The retraining loop's hand-off, through both command-line tools as {@code ./vigil} runs them: what
 * {@code export-features} writes from a running Vigil, {@code score-model} reads. The score history holds windows of
 * two sensors whose entities contain commas, carrying the features the reference Isolation Forest takes (the
 * user-behaviour test rows scikit-learn scored); the export quotes the entities, and score-model gives every row the
 * score scikit-learn gave it.
 */
@QuarkusTest
class ExportToScoreModelTest {

    private static final List<String> ENTITIES = List.of("temperature{device=boiler-1,site=plant-1}",
            "temperature{device=boiler-2,site=plant-1}");
    private static final List<String> INPUTS = List.of("login_count_1h", "failed_login_ratio_1h", "distinct_ips_24h",
            "distinct_countries_24h", "write_ops_ratio", "requests_per_min", "distinct_endpoints", "night_activity_ratio");
    /** An hour no other test scores, so the export holds these windows only. */
    private static final Instant HOUR = Instant.parse("2019-07-14T10:00:00Z");
    private static final int ROWS = 40;

    @Inject
    ScoreHistory history;
    @TestHTTPResource("/")
    String baseUrl;

    @Test
    void scoreModelScoresWhatExportFeaturesWroteAsScikitLearnDid() throws Exception {
        List<Map<String, String>> reference = read(ReferenceModels.userBehaviourRows()).subList(0, ROWS);
        List<Map<String, String>> golden = read(ReferenceModels.isolationForestGolden()).subList(0, ROWS);
        for (int i = 0; i < ROWS; i++) {
            Map<String, Double> features = new HashMap<>();
            for (String input : INPUTS) {
                features.put(input, Double.parseDouble(reference.get(i).get(input)));
            }
            history.record(window(ENTITIES.get(i % 2), HOUR.plus(Duration.ofMinutes(i)), features));
        }
        history.flush(Duration.ofSeconds(30));
        Path work = Files.createTempDirectory("vigil-export-score");
        Path exported = work.resolve("features.csv");
        Path scored = work.resolve("scored.csv");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);

        int exportCode = ExportFeaturesCli.run(new String[] {"--output", exported.toString(), "--detector",
                "metric-baseline", "--from", HOUR.toString(), "--to", HOUR.plus(Duration.ofHours(1)).toString()},
                Map.of("VIGIL_API_KEY", "test-ops-key", "VIGIL_URL", baseUrl), System.out, errors, false);
        int scoreCode = ScoreModelCli.run(new String[] {"--model", ReferenceModels.isolationForest().toString(),
                "--input", exported.toString(), "--output", scored.toString()}, errors);

        assertThat(exportCode).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(Files.readAllLines(exported).get(1)).as("the entity is quoted: it holds a comma")
                .startsWith("metric-baseline,mqtt,\"" + ENTITIES.get(0) + "\",");
        assertThat(scoreCode).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<Map<String, String>> rows = read(scored);
        assertThat(rows).hasSize(ROWS);
        for (int i = 0; i < ROWS; i++) {
            assertThat(rows.get(i).get("entity")).isEqualTo(ENTITIES.get(i % 2));
            assertThat(Instant.parse(rows.get(i).get("window_end"))).isEqualTo(HOUR.plus(Duration.ofMinutes(i)));
            assertThat(Double.parseDouble(rows.get(i).get("vigil_anomaly_score"))).as("row %d", i + 1)
                    .isCloseTo(Double.parseDouble(golden.get(i).get("anomaly_score")), within(1e-9));
        }
    }

    private static Score window(String entity, Instant end, Map<String, Double> features) {
        TreeMap<String, String> labels = new TreeMap<>(Map.of("device", entity.substring(entity.indexOf("device=") + 7,
                entity.indexOf(',')), "site", "plant-1"));
        return new Score("metric-baseline", "mqtt", entity, labels, end, 0.2, Score.THRESHOLD, false,
                new Explanation("mean", 1, 1, 1, List.of(new Finding("robust-z", 0.5, 3.5, "mean observed 1"))), features, 1);
    }

    private static List<Map<String, String>> read(Path file) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (CsvReader reader = CsvReader.open(file)) {
            List<String> header = reader.next().cells();
            for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                Map<String, String> cells = new LinkedHashMap<>();
                for (int c = 0; c < header.size(); c++) {
                    cells.put(header.get(c), row.cell(c));
                }
                rows.add(cells);
            }
        }
        return rows;
    }
}

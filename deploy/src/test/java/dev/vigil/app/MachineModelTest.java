package dev.vigil.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.app.cli.ExportFeaturesCli;
import dev.vigil.app.cli.ScoreModelCli;
import dev.vigil.app.testing.MachineModelProfile;
import dev.vigil.app.testing.MachineSensors;
import dev.vigil.app.testing.MachineSensors.Incident;
import dev.vigil.app.testing.MachineSensors.Reading;
import dev.vigil.app.testing.Metrics;
import dev.vigil.app.testing.MqttPublishing;
import dev.vigil.app.testing.ReferenceModels;
import dev.vigil.feedback.history.ScoreHistory;
import dev.vigil.ingest.csv.CsvReader;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Milling machines' sensors over the embedded MQTT broker, judged by a PMML model of their windows, end to end: three
 * hours of normal readings are scored by the robust z alone (no model yet) and exported with
 * {@code ./vigil export-features} (the columns the model was trained on: the same export, kept as
 * {@code machine_features.csv}, is what {@code train_machine_health.py} trained it on); {@code ./vigil score-model}
 * scores that export with the model; the model is dropped into the models folder while Vigil runs and swapped in; an
 * hour more, with a loose bearing on one machine that leaves every window's mean where it was, gives one alert, on
 * that machine, judged by the model, whose finding names the model's file, version and SHA-256.
 */
@QuarkusTest
@TestProfile(MachineModelProfile.class)
class MachineModelTest {

    private static final String API_KEY = "test-ops-key";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
    private static final List<String> MACHINES = List.of("mill-1", "mill-2");
    private static final int TRAINING_MINUTES = 180;
    private static final Incident LOOSE_BEARING = new Incident("mill-2", 215, 8);
    private static final String DETECTOR = "machine-health";

    @ConfigProperty(name = "vigil.mqtt.broker-url")
    String brokerUrl;
    @ConfigProperty(name = "vigil.models.folder")
    Path models;
    @TestHTTPResource("/")
    String baseUrl;
    @Inject
    ScoreHistory history;
    @Inject
    DataSource dataSource;

    @Test
    void aModelDroppedInWhileVigilRunsJudgesTheMachinesAndAlertsOnTheLooseBearing() throws Exception {
        MqttAsyncClient publisher = new MqttAsyncClient(brokerUrl, "machine-model-test", new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        publisher.connect(options).waitForCompletion(10_000);
        try {
            // three hours without a model: the robust z scores every window after the first five of each machine
            publish(publisher, MachineSensors.readings(MACHINES, T0, 0, TRAINING_MINUTES, null));
            int scored = MACHINES.size() * (TRAINING_MINUTES - 5);
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                    assertThat(Metrics.counter("vigil_scores_total", "detector", DETECTOR)).isEqualTo(scored));
            history.flush(Duration.ofSeconds(30));

            Path work = Files.createTempDirectory("vigil-machine-model");
            Path exported = work.resolve("machine_features.csv");
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
            assertThat(ExportFeaturesCli.run(new String[] {"--output", exported.toString(), "--detector", DETECTOR,
                    "--from", T0.toString(), "--to", T0.plus(Duration.ofMinutes(TRAINING_MINUTES + 1)).toString()},
                    Map.of("VIGIL_API_KEY", API_KEY, "VIGIL_URL", baseUrl), System.out, errors))
                    .as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(header(exported)).as("the columns the model was trained on")
                    .isEqualTo(header(ReferenceModels.machineFeatures()));
            assertThat(Files.readAllLines(exported)).hasSize(scored + 1);
            Path scoredFile = work.resolve("scored.csv");
            assertThat(ScoreModelCli.run(new String[] {"--model", ReferenceModels.machineHealth().toString(), "--input",
                    exported.toString(), "--output", scoredFile.toString()}, errors))
                    .as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(Files.readAllLines(scoredFile)).hasSize(scored + 1);

            dropTheModel();

            // an hour more, the bearing of mill-2 loose for eight minutes of it
            publish(publisher, MachineSensors.readings(MACHINES, T0, TRAINING_MINUTES, TRAINING_MINUTES + 60,
                    LOOSE_BEARING));
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                    assertThat(Metrics.counter("vigil_scores_total", "detector", DETECTOR))
                            .isEqualTo(scored + MACHINES.size() * 60));
        } finally {
            publisher.disconnect().waitForCompletion(10_000);
            publisher.close();
        }

        List<JsonNode> alerts = await().atMost(Duration.ofSeconds(60)).until(this::machineAlerts, a -> !a.isEmpty());
        assertThat(alerts).extracting(a -> a.path("entity").asText())
                .containsExactly(DETECTOR + "{device=mill-2,site=" + MachineSensors.SITE + "}");
        JsonNode explanation = alerts.get(0).path("explanation");
        assertThat(explanation.path("findings").get(0).path("description").asText())
                .as("the model decides, and says which model it is")
                .startsWith("isolation forest machine-health.pmml (version " + ReferenceModels.MACHINE_HEALTH_VERSION
                        + ", sha256 " + sha256(ReferenceModels.machineHealth()) + "): anomaly score ");
        assertThat(explanation.path("evidence").toString()).contains("vibration_max=").contains("vibration_min=");
    }

    /**
     * One at a time, each acknowledged. Paho may still count an acknowledged publish as in flight for a moment (or not
     * know the broker's receive maximum yet, just after connecting) and refuse the next: it is tried again.
     */
    private static void publish(MqttAsyncClient publisher, List<Reading> readings) throws Exception {
        for (Reading reading : readings) {
            MqttPublishing.atLeastOnce(() -> publisher.publish(reading.topic(),
                    reading.json().getBytes(StandardCharsets.UTF_8), 1, false).waitForCompletion(10_000));
        }
    }

    /** Written beside its final name and moved in place, as a deployment would; Vigil loads it while running. */
    private void dropTheModel() throws Exception {
        Path partial = models.resolve(".machine-health.pmml.partial");
        Files.copy(ReferenceModels.machineHealth(), partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, models.resolve("machine-health.pmml"), StandardCopyOption.ATOMIC_MOVE);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode view = JSON.readTree(given().header("X-Vigil-Api-Key", API_KEY).get("/api/models").then()
                    .statusCode(200).extract().asString()).get(0);
            assertThat(view.path("detector").asText()).isEqualTo(DETECTOR);
            assertThat(view.path("model").path("sha256").asText()).isEqualTo(sha256(ReferenceModels.machineHealth()));
            assertThat(view.path("problem").isNull()).isTrue();
        });
    }

    private List<JsonNode> machineAlerts() throws Exception {
        List<JsonNode> alerts = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT entity, explanation FROM alert WHERE detector = ?")) {
            query.setString(1, DETECTOR);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    alerts.add(JSON.createObjectNode().put("entity", rows.getString(1))
                            .set("explanation", JSON.readTree(rows.getString(2))));
                }
            }
        }
        return alerts;
    }

    private static List<String> header(Path csv) throws Exception {
        try (CsvReader reader = CsvReader.open(csv)) {
            return reader.next().cells();
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}

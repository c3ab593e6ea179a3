package dev.vigil.app;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.app.testing.HdfsLikeLogs;
import dev.vigil.app.testing.KafkaBrokerResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * HDFS-like lines through a real Kafka broker, in the test profile's {@code hdfs} source (its own topic, the shipped
 * {@code HDFS} line format with its time layout, sessions by block id), scored by the shipped log detectors: 45 minutes of normal block writes (the session models train on
 * the first 1000 blocks), then 3 minutes in which a third of the writes break off with an ERROR never seen before and
 * lose a replica while slow-write warnings burst, then normal writes again. Every log detector explains the burst in
 * its alert, and nothing alerts before it.
 */
@QuarkusTest
class LogAnomaliesTest {

    private static final Instant T0 = Instant.parse("2026-01-07T08:00:00Z");
    private static final int BURST = 45;
    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "vigil.kafka.brokers")
    String brokers;
    @Inject
    DataSource dataSource;

    record StoredAlert(String detector, String entity, Instant startsAt, JsonNode explanation) {

        List<String> evidence() {
            List<String> lines = new ArrayList<>();
            explanation.path("evidence").forEach(e -> lines.add(e.asText()));
            return lines;
        }
    }

    @Test
    void aFailureBurstIsAlertedByEveryLogDetectorWithItsEvidenceAndTheNormalStretchIsQuiet() throws Exception {
        HdfsLikeLogs logs = new HdfsLikeLogs(7, T0);
        try (KafkaProducer<String, String> producer = KafkaBrokerResource.producer(brokers)) {
            for (int minute = 0; minute < BURST + 10; minute++) {
                for (HdfsLikeLogs.Line line : logs.minute(minute, 30, minute >= BURST && minute < BURST + 3 ? 10 : 0)) {
                    producer.send(new ProducerRecord<>(KafkaBrokerResource.HDFS_TOPIC, line.text()));
                }
            }
            producer.flush();
        }

        List<String> expected = List.of("log-errors", "log-template-rates", "log-new-errors", "log-session-counts",
                "log-session-order");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(alerts().stream().map(StoredAlert::detector).distinct()).containsAll(expected));
        List<StoredAlert> alerts = alerts();

        Instant burst = T0.plus(Duration.ofMinutes(BURST));
        assertThat(alerts).as("nothing alerts in the normal stretch").allMatch(a -> !a.startsAt().isBefore(burst));
        assertThat(alerts).filteredOn(a -> a.detector().equals("log-template-rates"))
                .as("only the bursting template's rate").allMatch(a -> a.evidence().get(0).contains("'Slow BlockReceiver"));

        StoredAlert novel = only(alerts, "log-new-errors");
        assertThat(novel.entity()).isEqualTo("datanode");
        assertThat(novel.explanation().path("findings").get(0).path("description").asText())
                .contains("'writeBlock blk_<*> received exception java.io.IOException: Connection reset by peer' first seen "
                        + "2026-01-07T08:45:");
        assertThat(novel.evidence()).anyMatch(e -> e.matches("e\\.g\\. 2026-01-07T08:4\\S+ ERROR writeBlock blk_\\d+ received "
                + "exception java.io.IOException: Connection reset by peer"));

        StoredAlert counts = only(alerts, "log-session-counts");
        assertThat(counts.evidence()).first().asString().matches("session blk_-?\\d+: 'writeBlock blk_<\\*> received exception "
                + "java.io.IOException: Connection reset by peer' ×1, never in the 1000 normal sessions: \"writeBlock blk_.*");
        assertThat(counts.evidence()).anyMatch(e -> e.contains("normal sessions with either had as many"));

        StoredAlert order = only(alerts, "log-session-order");
        assertThat(order.evidence()).first().asString().matches("session blk_-?\\d+: '.*' after '.*': 0 of \\d+ times in "
                + "normal sessions .*");

        StoredAlert errors = only(alerts, "log-errors");
        assertThat(errors.explanation().path("feature").asText()).isEqualTo("error_count");
        assertThat(errors.evidence().get(0)).startsWith("10× 'writeBlock blk_<*> received exception java.io.IOException: "
                + "Connection reset by peer' (10 errors) [template ");

        StoredAlert slow = only(alerts, "log-template-rates");
        assertThat(slow.entity()).startsWith("datanode{template=");
        assertThat(slow.evidence()).anyMatch(e -> e.matches("e\\.g\\. 2026-01-07T08:4\\S+ WARN Slow BlockReceiver write "
                + "packet to mirror took \\d+ms \\(threshold=300ms\\)"));
    }

    private static StoredAlert only(List<StoredAlert> alerts, String detector) {
        List<StoredAlert> of = alerts.stream().filter(a -> a.detector().equals(detector)).toList();
        assertThat(of).as("one incident, one alert: " + detector).hasSize(1);
        return of.get(0);
    }

    /** The alerts stored for the hdfs source, as the alert store keeps them before anyone is told. */
    private List<StoredAlert> alerts() throws Exception {
        List<StoredAlert> alerts = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement query = connection.createStatement();
                ResultSet rows = query.executeQuery(
                        "SELECT detector, entity, starts_at, explanation FROM alert WHERE source = 'hdfs' ORDER BY starts_at")) {
            while (rows.next()) {
                alerts.add(new StoredAlert(rows.getString(1), rows.getString(2), rows.getTimestamp(3).toInstant(),
                        JSON.readTree(rows.getString(4))));
            }
        }
        return alerts;
    }

}

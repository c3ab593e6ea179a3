package dev.vigil.app;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.app.testing.HdfsLikeLogs;
import dev.vigil.app.testing.KafkaBrokerResource;
import dev.vigil.app.testing.ShopLogs;
import dev.vigil.app.testing.SlackInbox;
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
 * lose a replica while slow-write warnings burst, then normal writes again. The burst is one incident that every log
 * detector explains, and nothing alerts before it.
 */
@QuarkusTest
class LogAnomaliesTest {

    private static final Instant T0 = Instant.parse("2026-01-07T08:00:00Z");
    private static final int BURST = 45;
    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "vigil.kafka.brokers")
    String brokers;
    @ConfigProperty(name = "vigil.notify.slack.webhook-url")
    String slackUrl;
    @Inject
    DataSource dataSource;

    record StoredAlert(String detector, String entity, Instant startsAt, JsonNode explanation) {

        List<String> findings() {
            List<String> lines = new ArrayList<>();
            explanation.path("findings").forEach(f -> lines.add(f.path("description").asText()));
            return lines;
        }

        List<String> evidence() {
            List<String> lines = new ArrayList<>();
            explanation.path("evidence").forEach(e -> lines.add(e.asText()));
            return lines;
        }
    }

    @Test
    void aFailureBurstIsOneIncidentExplainedByEveryLogDetectorAndTheNormalStretchIsQuiet() throws Exception {
        HdfsLikeLogs logs = new HdfsLikeLogs(7, T0);
        try (KafkaProducer<String, String> producer = KafkaBrokerResource.producer(brokers)) {
            for (int minute = 0; minute < BURST + 10; minute++) {
                for (HdfsLikeLogs.Line line : logs.minute(minute, 30, minute >= BURST && minute < BURST + 3 ? 10 : 0)) {
                    producer.send(new ProducerRecord<>(KafkaBrokerResource.HDFS_TOPIC, line.text()));
                }
            }
            producer.flush();
        }

        List<String> detectors = List.of("log-errors", "log-template-rates", "log-new-errors", "log-session-counts",
                "log-session-order");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(alerts("hdfs")).singleElement()
                .satisfies(a -> assertThat(a.findings()).allSatisfy(f -> assertThat(detectors).anyMatch(f::startsWith))));
        StoredAlert incident = alerts("hdfs").get(0);
        assertThat(incident.detector()).isEqualTo("logs");
        assertThat(incident.entity()).isEqualTo("datanode");
        assertThat(incident.startsAt()).as("nothing alerts in the normal stretch").isAfterOrEqualTo(T0.plus(Duration.ofMinutes(BURST)));

        List<String> findings = incident.findings();
        assertThat(findings).anyMatch(f -> f.startsWith("log-new-errors: 1 new template(s) at ERROR level")
                && f.contains("'writeBlock blk_<*> received exception java.io.IOException: Connection reset by peer' first "
                        + "seen 2026-01-07T08:45:"));
        assertThat(incident.evidence()).anyMatch(e -> e.matches("e\\.g\\. 2026-01-07T08:4\\S+ ERROR writeBlock blk_\\d+ "
                + "received exception java.io.IOException: Connection reset by peer"));
        assertThat(incident.evidence()).anyMatch(e -> e.matches("session blk_-?\\d+: 'writeBlock blk_<\\*> received "
                + "exception java.io.IOException: Connection reset by peer' ×1, never in the 1000 normal sessions: \"writeBlock blk_.*"));
        assertThat(findings).filteredOn(f -> f.startsWith("log-template-rates"))
                .as("only the bursting template's rate").allMatch(f -> f.contains("'Slow BlockReceiver"));
        // the score history keeps the incident's windows, each with the service window's features
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scoredDetectors("hdfs")).containsExactly("logs"));
    }

    /**
     * The burst: 1,000 error lines of five templates in one service while its routine lines thin out. One
     * alert, told once to each receiver, naming the error templates; the routine templates that fell raise nothing.
     */
    @Test
    void anErrorBurstInOneServiceIsToldOnceNamingItsTemplates() throws Exception {
        String service = "shop-checkout";
        SlackInbox slack = new SlackInbox(slackUrl);
        ShopLogs shop = new ShopLogs(11, T0);
        try (KafkaProducer<String, String> producer = KafkaBrokerResource.producer(brokers)) {
            for (int minute = 0; minute < 50; minute++) {
                boolean outage = minute == 40 || minute == 41;
                for (ShopLogs.Line line : shop.minute(minute, 100, outage ? 500 : 0, 0)) {
                    producer.send(new ProducerRecord<>(KafkaBrokerResource.LOG_TOPIC, service, line.text(service)));
                }
            }
            producer.flush();
        }

        await().atMost(Duration.ofSeconds(90)).until(() -> !slack.resolved(service).isEmpty());
        assertThat(slack.firing(service)).as("one notification").hasSize(1);
        assertThat(slack.resolved(service)).hasSize(1);
        List<StoredAlert> alerts = alerts("kafka").stream().filter(a -> a.entity().equals(service)).toList();
        assertThat(alerts).as("one alert").hasSize(1);
        String told = slack.firing(service).get(0).toString();
        for (String template : List.of("payment gateway timeout", "database connection refused", "card declined",
                "failed to reserve stock", "circuit breaker open")) {
            assertThat(alerts.get(0).findings()).as(template).anyMatch(f -> f.contains(template));
            assertThat(told).as("the message names " + template).contains(template);
        }
        assertThat(alerts.get(0).findings()).anyMatch(f -> f.startsWith("log-errors: error_count observed 500"));
        assertThat(alerts.get(0).findings()).noneMatch(f -> f.contains("below"));
    }

    /** The alerts stored for a source, as the alert store keeps them before anyone is told. */
    private List<StoredAlert> alerts(String source) throws Exception {
        List<StoredAlert> alerts = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(
                "SELECT detector, entity, starts_at, explanation FROM alert WHERE source = ? ORDER BY starts_at")) {
            query.setString(1, source);
            ResultSet rows = query.executeQuery();
            while (rows.next()) {
                alerts.add(new StoredAlert(rows.getString(1), rows.getString(2), rows.getTimestamp(3).toInstant(),
                        JSON.readTree(rows.getString(4))));
            }
        }
        return alerts;
    }

    /** The detectors whose scores of a source the score history keeps. */
    private List<String> scoredDetectors(String source) throws Exception {
        List<String> detectors = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(
                "SELECT DISTINCT detector FROM score_history WHERE source = ?")) {
            query.setString(1, source);
            ResultSet rows = query.executeQuery();
            while (rows.next()) {
                detectors.add(rows.getString(1));
            }
        }
        return detectors;
    }
}

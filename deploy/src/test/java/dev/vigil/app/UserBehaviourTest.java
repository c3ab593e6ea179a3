package dev.vigil.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.app.testing.DeadLetterFile;
import dev.vigil.app.testing.KafkaBrokerResource;
import dev.vigil.app.testing.Metrics;
import dev.vigil.app.testing.ReferenceModels;
import dev.vigil.app.testing.SlackInbox;
import dev.vigil.app.testing.UserEventStream;
import dev.vigil.app.testing.WorkFoldersResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * User and authentication events over a real Kafka broker, end to end: the Isolation Forest is dropped into the
 * models folder while Vigil runs and swapped in; three and a half days of a generated stream
 * ({@link UserEventStream}) with a credential-stuffing burst and an account takeover are replayed, with two records
 * that are not events among them; one explained alert comes of each attack, none of anyone else, the bad records are
 * dead letters with their reason, and the offsets are committed once everything was handled.
 */
@QuarkusTest
class UserBehaviourTest {

    private static final String API_KEY = "test-ops-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "vigil.kafka.brokers")
    String brokers;
    @ConfigProperty(name = "vigil.users.group-id")
    String groupId;
    @ConfigProperty(name = "vigil.models.folder")
    Path models;
    @ConfigProperty(name = "vigil.notify.slack.webhook-url")
    String slackUrl;
    @ConfigProperty(name = WorkFoldersResource.DEAD_LETTER_FILE)
    String deadLetterFile;
    @Inject
    DataSource dataSource;

    @Test
    void oneExplainedAlertForTheStuffingAndOneForTheTakeoverAndNoneForNormalUsers() throws Exception {
        dropTheModel();
        List<UserEventStream.Event> events = UserEventStream.events();
        double acceptedBefore = Metrics.counter("vigil_ingest_events_total", "users");
        double deadBefore = Metrics.counter("vigil_ingest_dead_letters_total", "users");

        try (KafkaProducer<String, String> producer = KafkaBrokerResource.producer(brokers)) {
            for (int i = 0; i < events.size(); i++) {
                UserEventStream.Event event = events.get(i);
                producer.send(new ProducerRecord<>(KafkaBrokerResource.USER_TOPIC, event.user(), event.json()));
                if (i == events.size() / 2) {
                    producer.send(new ProducerRecord<>(KafkaBrokerResource.USER_TOPIC, "mallory",
                            "{\"user\":\"mallory\",\"action\":\"login\",\"outcome\":"));
                    producer.send(new ProducerRecord<>(KafkaBrokerResource.USER_TOPIC, "mallory",
                            "{\"user\":\"mallory\",\"action\":\"login\",\"outcome\":\"success\",\"ip\":\"10.9.9.9\","
                                    + "\"password\":\"hunter2\"}"));
                }
            }
            producer.flush();
        }

        // every record handled (the bad ones as dead letters), committed, and every window judged
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            assertThat(Metrics.counter("vigil_ingest_events_total", "users")).isEqualTo(acceptedBefore + events.size());
            assertThat(Metrics.counter("vigil_ingest_dead_letters_total", "users")).isEqualTo(deadBefore + 2);
        });
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(committedOffset(admin)).isEqualTo(endOffset(admin)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Metrics.value("vigil_users_open_windows") == 0);

        List<JsonNode> alerts = usersAlerts();
        assertThat(alerts).extracting(a -> a.path("detector").asText() + " " + a.path("entity").asText())
                .containsExactlyInAnyOrder("ip-abuse ip:" + UserEventStream.STUFFING_IP,
                        "user-behaviour user:" + UserEventStream.VICTIM);
        JsonNode stuffing = alerts.stream().filter(a -> a.path("detector").asText().equals("ip-abuse")).findFirst()
                .orElseThrow();
        assertThat(stuffing.path("severity").asText()).isEqualTo("CRITICAL");
        assertThat(stuffing.path("explanation").path("findings").get(0).path("description").asText())
                .containsPattern("^rule failed-login-burst \\(failed_logins_1m > 50, critical\\): 9[01] failed logins "
                        + "in the last 1 min; rule password-spraying");
        JsonNode takeover = alerts.stream().filter(a -> a.path("detector").asText().equals("user-behaviour"))
                .findFirst().orElseThrow();
        List<String> findings = new ArrayList<>();
        takeover.path("explanation").path("findings").forEach(f -> findings.add(f.path("description").asText()));
        assertThat(findings).anySatisfy(f -> assertThat(f).startsWith("improbable actions: "))
                .anySatisfy(f -> assertThat(f).startsWith("isolation forest user-behaviour.pmml (version unversioned, "
                        + "sha256 d43045f8710fb422c50eb10ef48b3e3b8f2a7b7a0dc0c8db838c66adeaf7f677)"))
                .anySatisfy(f -> assertThat(f).startsWith("risk ").contains("at hours this user is rarely active"));
        assertThat(takeover.path("explanation").path("evidence").toString())
                .contains("country changed from DE to RU at 2026-03-05 03:10");

        SlackInbox slack = new SlackInbox(slackUrl);
        assertThat(slack.firing("user:" + UserEventStream.VICTIM)).hasSize(1);
        assertThat(slack.firing("ip:" + UserEventStream.STUFFING_IP)).hasSize(1);
        assertThat(new DeadLetterFile(deadLetterFile).from("users")).extracting(l -> l.path("reason").asText())
                .anySatisfy(r -> assertThat(r).startsWith("malformed JSON"))
                .anySatisfy(r -> assertThat(r).startsWith("unknown field 'password'"));
    }

    @Test
    void aBrokenNewVersionIsRejectedWithItsReasonWhileTheRunningModelScoresOn() throws Exception {
        dropTheModel();
        double rejectedBefore = Metrics.counter("vigil_model_reloads_total", "outcome", "rejected");
        Path file = models.resolve("user-behaviour.pmml");
        String truncated = Files.readString(ReferenceModels.isolationForest()).substring(0, 20_000);
        Path partial = models.resolve(".user-behaviour.pmml.partial");
        Files.writeString(partial, truncated);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(Metrics.counter("vigil_model_reloads_total", "outcome", "rejected")).isEqualTo(rejectedBefore + 1);
            JsonNode view = JSON.readTree(given().header("X-Vigil-Api-Key", API_KEY).get("/api/models").then()
                    .statusCode(200).extract().asString()).get(0);
            assertThat(view.path("problem").asText()).startsWith("Cannot load PMML model " + file)
                    .contains("not a valid PMML document");
            assertThat(view.path("model").path("sha256").asText())
                    .isEqualTo("d43045f8710fb422c50eb10ef48b3e3b8f2a7b7a0dc0c8db838c66adeaf7f677");
        });

        // and events still flow: a new user's window is judged by the detector whose model file is broken
        double accepted = Metrics.counter("vigil_ingest_events_total", "users");
        double judged = Metrics.counter("vigil_scores_total", "detector", "user-behaviour");
        try (KafkaProducer<String, String> producer = KafkaBrokerResource.producer(brokers)) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(KafkaBrokerResource.USER_TOPIC, "nadia",
                        new UserEventStream.Event(UserEventStream.DAY0.plus(Duration.ofDays(10)).plusSeconds(i), "nadia",
                                "read", true, "10.7.7.7", "FR", "GET /api/orders", "curl/8").json()));
            }
            producer.flush();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(Metrics.counter("vigil_ingest_events_total", "users")).isEqualTo(accepted + 5);
            assertThat(Metrics.counter("vigil_scores_total", "detector", "user-behaviour")).isGreaterThan(judged);
        });
    }

    /** Written beside its final name and moved in place, as a deployment would; Vigil loads it while running. */
    private void dropTheModel() throws Exception {
        Path partial = models.resolve(".user-behaviour.pmml.partial");
        Files.copy(ReferenceModels.isolationForest(), partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, models.resolve("user-behaviour.pmml"), StandardCopyOption.ATOMIC_MOVE);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode view = JSON.readTree(given().header("X-Vigil-Api-Key", API_KEY).get("/api/models").then()
                    .statusCode(200).extract().asString());
            assertThat(view.get(0).path("detector").asText()).isEqualTo("user-behaviour");
            assertThat(view.get(0).path("model").path("sha256").asText())
                    .isEqualTo("d43045f8710fb422c50eb10ef48b3e3b8f2a7b7a0dc0c8db838c66adeaf7f677");
            assertThat(view.get(0).path("problem").isNull()).isTrue();
        });
        given().get("/api/models").then().statusCode(401);
    }

    /** The alerts of the users detectors, as stored before anyone was told. */
    private List<JsonNode> usersAlerts() throws Exception {
        List<JsonNode> alerts = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT detector, entity, severity, explanation "
                        + "FROM alert WHERE detector IN ('user-behaviour', 'ip-abuse')")) {
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    alerts.add(JSON.createObjectNode().put("detector", rows.getString(1)).put("entity", rows.getString(2))
                            .put("severity", rows.getString(3)).set("explanation", JSON.readTree(rows.getString(4))));
                }
            }
        }
        return alerts;
    }

    private long committedOffset(Admin admin) throws Exception {
        var committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                .get(new TopicPartition(KafkaBrokerResource.USER_TOPIC, 0));
        return committed == null ? -1 : committed.offset();
    }

    private long endOffset(Admin admin) throws Exception {
        TopicPartition partition = new TopicPartition(KafkaBrokerResource.USER_TOPIC, 0);
        return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).all().get(10, TimeUnit.SECONDS).get(partition)
                .offset();
    }

}

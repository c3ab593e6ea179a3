package dev.vigil.app.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.app.testing.PostgresProfile;
import dev.vigil.app.testing.PostgresResource;
import dev.vigil.app.testing.SlackInbox;
import dev.vigil.contracts.Observation;
import dev.vigil.ingest.IngestEndpoints;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.camel.ProducerTemplate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database goes away in the middle of a burst of alerts: Vigil on a real PostgreSQL ({@link PostgresProfile}),
 * halted for {@link #OUTAGE} while shops' orders collapse and recover, then resumed. Three kinds of shops: one whose
 * incident fired before the outage and resolves during it (and has a second incident after it), a burst whose
 * incidents fire and resolve as the database halts under their writes, one that fires during the outage and resolves
 * after it. Every alert
 * must end up stored, resolved, and told to Slack exactly once firing and once resolved under its own id; the score
 * history must hold every scored window or count what it dropped; readiness says the database is down meanwhile
 * while data is still taken in. Skipped where PostgreSQL is not installed.
 */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@EnabledIf(value = "dev.vigil.app.testing.PostgresServer#installed",
        disabledReason = "PostgreSQL is not installed here (Debian's postgresql package)")
class DatabaseOutageTest {

    private static final Instant T0 = Instant.parse("2026-11-02T00:00:00Z");
    private static final Duration OUTAGE = Duration.ofSeconds(15);
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int SHOPS_OF_A_KIND = 6;
    /** Shops whose incidents fire and resolve as the database halts: 80 alerts being stored and told. */
    private static final int BURST = 40;
    /** The hours of a shop's first incident (orders collapse for three hours) and of the second one. */
    private static final int FIRST = 30;
    private static final int SECOND = 60;

    @Inject
    ProducerTemplate producer;
    @Inject
    DataSource database;
    @Inject
    MeterRegistry registry;
    @ConfigProperty(name = "vigil.notify.slack.webhook-url")
    String slackUrl;

    /** A shop's hourly orders: about 100, 12 in the three hours from each of its incidents' starts. */
    record Shop(String name, int... incidents) {

        String entity() {
            return "orders{shop=" + name + "}";
        }

        double orders(int hour) {
            return IntStream.of(incidents).anyMatch(start -> hour >= start && hour < start + 3) ? 12 : 100 + 3 * Math.sin(hour);
        }
    }

    private static List<Shop> shops(String kind, int count, int... incidents) {
        return IntStream.range(0, count).mapToObj(i -> new Shop("dbout-" + kind + "-" + i, incidents)).toList();
    }

    /** Hands the shops' points of hours [from, to) to detection, an hour at a time, as a source does. */
    private void feed(List<Shop> shops, int from, int to) {
        for (int hour = from; hour < to; hour++) {
            List<Observation> batch = new ArrayList<>();
            for (Shop shop : shops) {
                batch.add(Observation.of("file", "orders", Map.of("shop", shop.name()), T0.plus(Duration.ofHours(hour)),
                        shop.orders(hour)));
            }
            producer.sendBody(IngestEndpoints.OBSERVATIONS, batch);
        }
    }

    @Test
    void aDatabaseOutageDuringABurstLosesNoAlertAndTellsEachOnceUnderItsOwnId() throws Exception {
        List<Shop> resolvedDuring = shops("before", SHOPS_OF_A_KIND, FIRST, SECOND);
        List<Shop> burst = shops("burst", BURST, FIRST);
        List<Shop> resolvedAfter = shops("after", SHOPS_OF_A_KIND, FIRST);
        List<Shop> all = Stream.of(resolvedDuring, burst, resolvedAfter).flatMap(List::stream).toList();
        SlackInbox slack = new SlackInbox(slackUrl);

        feed(resolvedDuring, 0, FIRST + 3);
        feed(Stream.concat(burst.stream(), resolvedAfter.stream()).toList(), 0, FIRST);
        await().atMost(WAIT).until(() -> resolvedDuring.stream().allMatch(s -> slack.firing(s.entity()).size() == 1));

        // the burst's alerts fire and resolve while the database goes away: it halts under their writes
        double scoredBefore = scored();
        CompletableFuture<Void> bursting = CompletableFuture.runAsync(() -> feed(burst, FIRST, FIRST + 11));
        PostgresResource.server().halt();
        Instant haltedAt = Instant.now();
        bursting.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        feed(resolvedDuring, FIRST + 3, FIRST + 11);
        feed(resolvedAfter, FIRST, FIRST + 3);
        assertThat(scored()).as("windows are still scored while the database is down").isGreaterThan(scoredBefore);
        await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503));
        // the database stays away for the whole outage, whatever the machine's speed
        await().atMost(OUTAGE.plus(WAIT)).pollInterval(Duration.ofMillis(500))
                .until(() -> Duration.between(haltedAt, Instant.now()).compareTo(OUTAGE) >= 0);
        PostgresResource.server().resume();

        feed(resolvedAfter, FIRST + 3, FIRST + 11);
        feed(resolvedDuring, FIRST + 11, SECOND + 11);
        await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));

        Map<Shop, Integer> incidents = new LinkedHashMap<>();
        all.forEach(s -> incidents.put(s, s.incidents.length));
        await().atMost(WAIT).untilAsserted(() -> {
            for (Map.Entry<Shop, Integer> shop : incidents.entrySet()) {
                assertThat(statuses(shop.getKey())).as("stored alerts of " + shop.getKey().entity())
                        .hasSize(shop.getValue()).containsOnly("RESOLVED");
            }
            assertThat(deliveryStates()).as("deliveries of the shops' alerts").containsOnly("SENT")
                    .hasSize(2 * 2 * incidents.values().stream().mapToInt(Integer::intValue).sum());
        });
        for (Shop shop : all) {
            List<String> ids = new ArrayList<>(alertIds(shop));
            List<JsonNode> told = slack.messagesAbout(shop.entity());
            assertThat(told.stream().filter(m -> m.path("text").asText().startsWith("[FIRING]")).map(SlackInbox::alertIdOf))
                    .as("Slack told each alert of %s firing once, under its own id", shop.entity())
                    .containsExactlyInAnyOrderElementsOf(ids);
            assertThat(told.stream().filter(m -> m.path("text").asText().startsWith("[RESOLVED]")).map(SlackInbox::alertIdOf))
                    .as("Slack told each alert of %s resolved once, under its own id", shop.entity())
                    .containsExactlyInAnyOrderElementsOf(ids);
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(historyRows() + counted("vigil.history.dropped"))
                .as("every scored window is in the score history, or counted as dropped").isEqualTo(scored()));
        assertThat(counted("vigil.history.dropped")).as("windows the history dropped").isZero();
    }

    private double scored() {
        return counted("vigil.scores");
    }

    private double counted(String name) {
        return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    private List<String> statuses(Shop shop) throws SQLException {
        return column("SELECT status FROM alert WHERE entity = ? ORDER BY starts_at", shop.entity());
    }

    private List<String> alertIds(Shop shop) throws SQLException {
        return column("SELECT id FROM alert WHERE entity = ? ORDER BY starts_at", shop.entity());
    }

    private List<String> deliveryStates() throws SQLException {
        return column("SELECT d.state FROM outbox_delivery d JOIN outbox_notification n ON n.id = d.notification_id"
                + " WHERE n.entity LIKE ?", "orders{shop=dbout-%");
    }

    /** Every row of the score history: this application's database is its own, so every window it scored. */
    private double historyRows() throws SQLException {
        return Double.parseDouble(column("SELECT COUNT(*) FROM score_history WHERE entity <> ?", "").get(0));
    }

    private List<String> column(String sql, String parameter) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        }
        return values;
    }
}

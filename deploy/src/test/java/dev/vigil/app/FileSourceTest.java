package dev.vigil.app;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.alerting.lifecycle.Fingerprint;
import dev.vigil.alerting.store.AlertStore;
import dev.vigil.app.testing.DeadLetterFile;
import dev.vigil.app.testing.Inbox;
import dev.vigil.app.testing.Metrics;
import dev.vigil.app.testing.SlackInbox;
import dev.vigil.app.testing.WorkFoldersResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import jakarta.inject.Inject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * CSV files dropped in the inbox: scored, then moved to .done; unreadable ones (an empty file and one of only a header
 * among them) to .error with the reason, at once and without holding up the files after them; a file that vanishes
 * while it is read leaves its reason where it would have gone.
 */
@QuarkusTest
class FileSourceTest {

    private static final Instant T0 = Instant.parse("2026-01-07T00:00:00Z");

    @ConfigProperty(name = "vigil.files.inbox")
    Path inbox;
    @ConfigProperty(name = "vigil.notify.slack.webhook-url")
    String slackUrl;
    @ConfigProperty(name = WorkFoldersResource.DEAD_LETTER_FILE)
    String deadLetterFile;
    @Inject
    AlertStore alerts;

    @Test
    void aCollapseOfOrdersGivesOneSlackAlertAndTheFileMovesToDone() throws Exception {
        String entity = "orders{channel=shop,region=e2e}";
        List<String> lines = new ArrayList<>(Inbox.ordersWithCollapse(T0, "region=e2e,channel=shop").lines().toList());
        lines.add(12, T0.plusSeconds(1) + ",orders,lots,region=e2e"); // line 13, between good rows
        new Inbox(inbox).drop("orders-e2e.csv", (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        SlackInbox slack = new SlackInbox(slackUrl);

        await().atMost(Duration.ofSeconds(60)).until(() -> !slack.resolved(entity).isEmpty());
        List<JsonNode> firing = slack.firing(entity);
        assertThat(firing).as("one incident, one alert").hasSize(1);
        assertThat(firing.get(0).path("text").asText()).startsWith("[FIRING] CRITICAL " + entity + " (file): mean observed 12.00");
        assertThat(alerts.statusesOf(Fingerprint.of("metric-baseline", "file", entity,
                new TreeMap<>(Map.of("channel", "shop", "region", "e2e")))))
                .as("stored before it was sent, and updated rather than duplicated when it resolved")
                .containsExactly("RESOLVED");
        assertThat(inbox.resolve(".done/orders-e2e.csv")).exists();
        assertThat(inbox.resolve("orders-e2e.csv")).doesNotExist();
        assertThat(new DeadLetterFile(deadLetterFile).from("file")).anySatisfy(letter -> {
            assertThat(letter.path("origin").asText()).isEqualTo("orders-e2e.csv:13");
            assertThat(letter.path("reason").asText()).isEqualTo("value 'lots' is not a number");
        });
    }

    @Test
    void aFileThatIsNotTextMovesToErrorWithItsReason() throws Exception {
        new Inbox(inbox).drop("binary.csv", new byte[] { (byte) 0xC3, (byte) 0x28, 0x00, (byte) 0xFF, '\n' });
        // the reason is written beside the file as it moves: wait for both
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(inbox.resolve(".error/binary.csv.reason.txt"))
                && Files.exists(inbox.resolve(".error/binary.csv")));
        assertThat(Files.readString(inbox.resolve(".error/binary.csv.reason.txt"))).contains("not UTF-8 text");
    }

    @Test
    void aFileWithNoReadableRowMovesToErrorAndTheNextFileIsStillRead() throws Exception {
        new Inbox(inbox).drop("nonsense.csv", "hello,world\nthis is,not,a metric file\n".getBytes(StandardCharsets.UTF_8));
        new Inbox(inbox).drop("fine.csv", (T0 + ",visits,42,site=e2e\n").getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Files.exists(inbox.resolve(".error/nonsense.csv.reason.txt")) && Files.exists(inbox.resolve(".done/fine.csv")));
        assertThat(Files.readString(inbox.resolve(".error/nonsense.csv.reason.txt"))).contains("no readable row");
    }

    @Test
    void anEmptyFileMovesToErrorWithItsReasonBeforeTheFileDroppedAfterItIsTakenIn() throws Exception {
        Inbox drop = new Inbox(inbox);
        drop.drop("a-empty.csv", new byte[0]);
        drop.drop("b-after-empty.csv", (T0 + ",after_empty,1,site=e2e\n").getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(inbox.resolve(".done/b-after-empty.csv")));
        // files are taken in the order they were written: the empty one was settled first, not held on to
        assertThat(inbox.resolve(".error/a-empty.csv.reason.txt")).as("the empty file was settled first").exists();
        assertThat(inbox.resolve(".error/a-empty.csv")).exists();
        assertThat(Files.readString(inbox.resolve(".error/a-empty.csv.reason.txt"))).contains("the file is empty");
        assertThat(inbox.resolve("a-empty.csv")).doesNotExist();
        assertThat(inbox.resolve("a-empty.csv.camelLock")).doesNotExist();
        assertThat(new DeadLetterFile(deadLetterFile).from("file"))
                .filteredOn(letter -> letter.path("origin").asText().equals("a-empty.csv"))
                .as("counted once, as a dead letter").singleElement()
                .satisfies(letter -> assertThat(letter.path("reason").asText()).contains("the file is empty"));
    }

    @Test
    void aFileOfOnlyAHeaderMovesToErrorWithItsReason() throws Exception {
        new Inbox(inbox).drop("header-only.csv", "timestamp,metric,value\n".getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(inbox.resolve(".done/header-only.csv"))
                || Files.exists(inbox.resolve(".error/header-only.csv")));
        assertThat(inbox.resolve(".error/header-only.csv")).exists();
        assertThat(Files.readString(inbox.resolve(".error/header-only.csv.reason.txt"))).contains("only a header");
        assertThat(new DeadLetterFile(deadLetterFile).from("file"))
                .anySatisfy(letter -> assertThat(letter.path("origin").asText()).isEqualTo("header-only.csv"));
    }

    @Test
    void aFileThatVanishesWhileBeingReadLeavesItsReasonAndTheNextFileFlows() throws Exception {
        int rows = 100_000;
        StringBuilder csv = new StringBuilder("timestamp,metric,value,site=e2e\n".length() * rows);
        Instant start = Instant.parse("2026-02-01T00:00:00Z");
        for (int i = 0; i < rows; i++) {
            csv.append(start.plusSeconds(i)).append(",vanishing,").append(50 + i % 7).append(",site=e2e\n");
        }
        double before = Metrics.counter("vigil_ingest_events_total", "file");
        new Inbox(inbox).drop("vanishing.csv", csv.toString().getBytes(StandardCharsets.UTF_8));

        // its first rows are in: the file is being read
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> Metrics.counter("vigil_ingest_events_total", "file") > before);
        Files.delete(inbox.resolve("vanishing.csv"));

        await().atMost(Duration.ofSeconds(120)).until(() -> Files.exists(inbox.resolve(".done/vanishing.csv.reason.txt")));
        assertThat(Files.readString(inbox.resolve(".done/vanishing.csv.reason.txt")))
                .contains("vanished from the inbox while it was being read").contains("100000 rows taken in");
        assertThat(Metrics.counter("vigil_ingest_events_total", "file") - before).isEqualTo(rows);
        new Inbox(inbox).drop("after-vanishing.csv", (T0 + ",after_vanishing,1,site=e2e\n").getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(inbox.resolve(".done/after-vanishing.csv")));
    }

    @Test
    void aSpreadsheetExportIsReadWithItsByteOrderMarkQuotesEmbeddedCommasAndCrlf() throws Exception {
        String sheet = "\uFEFF\"timestamp\",\"metric\",\"value\",\"site\"\r\n"
                + "\"2026-01-09T00:00:00Z\",\"sheet_orders\",\"120\",\"site=Plant 1\"\r\n"
                + "\"2026-01-09T01:00:00Z\",\"sheet_orders\",\"1,250\",\"site=Plant 1\"\r\n"
                + "\"2026-01-09T02:00:00Z\",\"sheet_orders\",\"118\",\"site=Plant 1\"\r\n"
                + "\"2026-01-09T03:00:00Z\",\"sheet_orders\",\"121\",\"site=Hall \"\"B\"\"\"\r\n";
        double before = Metrics.counter("vigil_ingest_events_total", "file");
        new Inbox(inbox).drop("sheet.csv", sheet.getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(inbox.resolve(".done/sheet.csv")));
        assertThat(Metrics.counter("vigil_ingest_events_total", "file") - before).as("rows 2 and 4").isEqualTo(2);
        List<JsonNode> letters = new DeadLetterFile(deadLetterFile).from("file").stream()
                .filter(letter -> letter.path("origin").asText().startsWith("sheet.csv")).toList();
        assertThat(letters).extracting(letter -> letter.path("origin").asText() + " " + letter.path("reason").asText())
                .containsExactly("sheet.csv:3 value '1,250' is not a number",
                        "sheet.csv:5 tag 'site' contains a forbidden character (control, {, }, comma, = or \")");
    }
}

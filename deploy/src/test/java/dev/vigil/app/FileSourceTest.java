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
import dev.vigil.app.testing.SlackInbox;
import dev.vigil.app.testing.WorkFoldersResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import jakarta.inject.Inject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** CSV files dropped in the inbox: scored, then moved to .done; unreadable ones to .error with the reason. */
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
}

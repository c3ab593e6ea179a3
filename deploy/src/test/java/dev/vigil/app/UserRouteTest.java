package dev.vigil.app;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import dev.vigil.app.testing.DeadLetterFile;
import dev.vigil.app.testing.Metrics;
import dev.vigil.app.testing.SlackInbox;
import dev.vigil.app.testing.WorkFoldersResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.ProducerTemplate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A source plugged in as a YAML route (src/test/resources/routes/plant-feed.yaml, loaded like the files of the routes
 * folder): its readings are scored and alert like MQTT ones, under its own source name, and its bad input goes to the
 * dead letters with that name while the next reading still flows.
 */
@QuarkusTest
class UserRouteTest {

    private static final Instant T0 = Instant.parse("2026-01-09T00:00:00Z");

    @Inject
    ProducerTemplate producer;
    @ConfigProperty(name = "vigil.notify.slack.webhook-url")
    String slackUrl;
    @ConfigProperty(name = WorkFoldersResource.DEAD_LETTER_FILE)
    String deadLetterFile;

    @Test
    void readingsFromAYamlRouteAreScoredUnderItsSourceAndBadOnesAreDeadLetters() throws Exception {
        String entity = "flow{line=7,site=plant-yaml}";
        double acceptedBefore = Metrics.counter("vigil_ingest_events_total", "plant-feed");
        double deadBefore = Metrics.counter("vigil_ingest_dead_letters_total", "plant-feed");

        for (int minute = 0; minute < 40; minute++) {
            double value = minute >= 30 && minute < 33 ? 95.0 : 40 + 0.5 * Math.sin(minute);
            if (minute == 12) {
                producer.sendBody("direct:plant-feed", "{\"metric\":\"flow\",\"value\":\"lots\"}");
                producer.sendBody("direct:plant-feed", "{\"metric\":\"flow\",\"value\":1,\"extra\":\"<script>\"}");
            }
            producer.sendBody("direct:plant-feed", String.format(Locale.ROOT,
                    "{\"metric\":\"flow\",\"value\":%.3f,\"ts\":\"%s\",\"tags\":{\"site\":\"plant-yaml\",\"line\":\"7\"}}",
                    value, T0.plus(Duration.ofMinutes(minute))));
        }

        SlackInbox slack = new SlackInbox(slackUrl);
        await().atMost(Duration.ofSeconds(30)).until(() -> !slack.firing(entity).isEmpty());
        assertThat(slack.firing(entity).get(0).path("text").asText()).contains("(plant-feed)").contains("mean observed 95.00");
        assertThat(Metrics.counter("vigil_ingest_events_total", "plant-feed")).isEqualTo(acceptedBefore + 40);
        assertThat(Metrics.counter("vigil_ingest_dead_letters_total", "plant-feed")).isEqualTo(deadBefore + 2);
        assertThat(new DeadLetterFile(deadLetterFile).from("plant-feed"))
                .anySatisfy(letter -> assertThat(letter.path("reason").asText()).contains("value"))
                .anySatisfy(letter -> assertThat(letter.path("reason").asText()).contains("extra"));
    }

    @Test
    void logLinesFromAYamlRouteAreReadInTheirFormatUnderItsSourceAndBadOnesAreDeadLetters() throws Exception {
        double acceptedBefore = Metrics.counter("vigil_ingest_events_total", "shop-logs");
        double deadBefore = Metrics.counter("vigil_ingest_dead_letters_total", "shop-logs");

        for (int i = 0; i < 30; i++) {
            producer.sendBody("direct:shop-logs", String.format(Locale.ROOT,
                    "198.51.100.%d - - [05/Feb/2026:09:%02d:02 +0000] \"GET /cart/%d HTTP/2.0\" 200 %d \"-\" \"curl/8.5.0\"",
                    i % 250, i, i, 100 + i));
        }
        producer.sendBody("direct:shop-logs", "not an nginx line at all");
        producer.sendBody("direct:shop-logs", new byte[] {'G', 'E', 'T', ' ', (byte) 0xC3, (byte) 0x28});

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(Metrics.counter("vigil_ingest_events_total", "shop-logs")).isEqualTo(acceptedBefore + 30);
            assertThat(Metrics.counter("vigil_ingest_dead_letters_total", "shop-logs")).isEqualTo(deadBefore + 2);
        });
        assertThat(new DeadLetterFile(deadLetterFile).from("shop-logs"))
                .anySatisfy(letter -> assertThat(letter.path("reason").asText()).contains("line does not match"))
                .anySatisfy(letter -> assertThat(letter.path("reason").asText()).contains("UTF-8"));
    }

    @Test
    void userEventsFromAYamlRouteAreTakenInUnderItsSourceAndBadOnesAreDeadLetters() throws Exception {
        double acceptedBefore = Metrics.counter("vigil_ingest_events_total", "sso");
        double deadBefore = Metrics.counter("vigil_ingest_dead_letters_total", "sso");

        for (int i = 0; i < 12; i++) {
            producer.sendBody("direct:sso-events", String.format(Locale.ROOT, "{\"user\":\"u%d\",\"timestamp\":\"%s\","
                    + "\"action\":\"login\",\"outcome\":\"success\",\"ip\":\"203.0.113.%d\"}", i,
                    T0.plus(Duration.ofSeconds(i)), i));
        }
        producer.sendBody("direct:sso-events", "{\"user\":\"u1\",\"action\":\"login\",\"outcome\":\"success\","
                + "\"ip\":\"203.0.113.1\",\"role\":\"admin\"}");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(Metrics.counter("vigil_ingest_events_total", "sso")).isEqualTo(acceptedBefore + 12);
            assertThat(Metrics.counter("vigil_ingest_dead_letters_total", "sso")).isEqualTo(deadBefore + 1);
        });
        assertThat(new DeadLetterFile(deadLetterFile).from("sso"))
                .anySatisfy(letter -> assertThat(letter.path("reason").asText()).contains("role"));
    }
}

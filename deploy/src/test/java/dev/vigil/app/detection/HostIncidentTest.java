package dev.vigil.app.detection;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.app.testing.HostDetectorsProfile;
import dev.vigil.app.testing.SlackInbox;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A host's metrics published over MQTT to the in-process broker, judged together as one entity (an open group judged
 * by a Random Cut Forest and its likelihood): an incident that moves cpu, latency and load together, each by less than two of its sigmas,
 * reaches Slack as one alert naming the metrics that drove it.
 */
@QuarkusTest
@TestProfile(HostDetectorsProfile.class)
class HostIncidentTest {

    private static final Instant T0 = Instant.parse("2026-02-02T00:00:00Z");
    private static final String ENTITY = "host-health{device=web-7,site=dc-host}";
    private static final List<String> METRICS = List.of("cpu", "latency", "load");
    /** A day of minutes, so the forest and its likelihood have their history, then twenty of the incident. */
    private static final int MINUTES = 1420;
    private static final int INCIDENT = 1400;
    /** The alert's start in Slack's date token: {@code <!date^1770055080^Started ...|2026-02-02T17:58:00Z>}. */
    private static final Pattern STARTED = Pattern.compile("\\|(\\d{4}-\\d\\d-\\d\\dT[^>]+Z)>");

    @ConfigProperty(name = "vigil.mqtt.broker-url")
    String brokerUrl;
    @ConfigProperty(name = "vigil.notify.slack.webhook-url")
    String slackUrl;

    @Test
    void aJointShiftOfAHostsMetricsIsOneAlertNamingThem() throws Exception {
        SlackInbox slack = new SlackInbox(slackUrl);
        Random noise = new Random(7);
        MqttAsyncClient publisher = new MqttAsyncClient(brokerUrl, "host-incident-test", new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        publisher.connect(options).waitForCompletion(10_000);
        try {
            for (int minute = 0; minute < MINUTES; minute++) {
                // from INCIDENT on, every metric sits 1.8 of its sigmas higher: none of them beyond 2 sigmas alone
                double shift = minute >= INCIDENT ? 1.8 : 0;
                for (int m = 0; m < METRICS.size(); m++) {
                    double value = 50 + 10 * m + 5 * (noise.nextGaussian() + shift);
                    String reading = String.format(Locale.ROOT, "{\"metric\":\"%s\",\"value\":%.3f,\"ts\":\"%s\"}",
                            METRICS.get(m), value, T0.plus(Duration.ofMinutes(minute)).plusSeconds(m));
                    // QoS 0: Paho's MQTT 5 client refuses QoS 1 publishes after a few thousand ("Too many publishes
                    // in progress", eclipse-paho/paho.mqtt.java#993) even when each waits for its acknowledgement
                    publisher.publish("vigil/sensors/dc-host/web-7", reading.getBytes(StandardCharsets.UTF_8), 0, false)
                            .waitForCompletion(10_000);
                }
            }
        } finally {
            publisher.disconnect().waitForCompletion(10_000);
            publisher.close();
        }

        await().atMost(Duration.ofSeconds(180)).until(() -> !duringTheIncident(slack.firing(ENTITY)).isEmpty());
        // the windows after the alarm are held by the refractory period: no second alert comes
        await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> true);
        List<JsonNode> firing = slack.firing(ENTITY);
        List<JsonNode> incident = duringTheIncident(firing);
        assertThat(incident).as("one incident, one alert").hasSize(1);
        // a likelihood verdict fires at once (the shipped alerting's fire-at-once), so a single unusual window of the
        // day's noise may be an alert of its own; N-of-M confirmation used to absorb it
        assertThat(firing.size() - incident.size()).as("alerts of the day's noise").isLessThanOrEqualTo(1);
        String text = incident.get(0).path("text").asText();
        assertThat(text).startsWith("[FIRING] ").contains(ENTITY).doesNotContain("1 in 1 ");
        String why = incident.get(0).path("blocks").toString();
        assertThat(why).contains("rcf").contains("% of the anomaly");
        for (String metric : METRICS) {
            assertThat(why).as("the alert names %s", metric).containsPattern(metric + " [+-]\\d+ %");
        }
    }

    /** The alerts that started inside the incident, by the start time Slack's message carries. */
    private static List<JsonNode> duringTheIncident(List<JsonNode> firing) {
        Instant start = T0.plus(Duration.ofMinutes(INCIDENT));
        return firing.stream().filter(alert -> {
            Matcher started = STARTED.matcher(alert.path("blocks").toString());
            return started.find() && !Instant.parse(started.group(1)).isBefore(start);
        }).toList();
    }
}

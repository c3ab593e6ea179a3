package dev.vigil.app;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.app.testing.DeadLetterFile;
import dev.vigil.app.testing.Metrics;
import dev.vigil.app.testing.MqttPublishing;
import dev.vigil.app.testing.SlackInbox;
import dev.vigil.app.testing.WorkFoldersResource;
import dev.vigil.ingest.mqtt.MqttSourceComponent;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Sensor readings published to a real MQTT 5 broker reach Slack as one alert per incident. */
@QuarkusTest
class MqttSourceTest {

    /** Enough queued readings that the broker is still sending them when the consumer's connection opens. */
    private static final int BACKLOG = 200;
    private static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");

    @ConfigProperty(name = "vigil.mqtt.broker-url")
    String brokerUrl;
    @ConfigProperty(name = "vigil.notify.slack.webhook-url")
    String slackUrl;
    @ConfigProperty(name = WorkFoldersResource.DEAD_LETTER_FILE)
    String deadLetterFile;
    @Inject
    CamelContext camel;

    private MqttClient publisher;

    @BeforeEach
    void connect() throws MqttException {
        publisher = new MqttClient(brokerUrl, "mqtt-source-test", new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        publisher.connect(options);
    }

    @AfterEach
    void disconnect() throws MqttException {
        publisher.disconnect();
        publisher.close();
    }

    @Test
    void aTemperatureSpikeGivesOneSlackAlertThatResolves() throws Exception {
        String topic = "vigil/sensors/plant-mqtt/boiler-7";
        String entity = "temperature{device=boiler-7,site=plant-mqtt}";
        SlackInbox slack = new SlackInbox(slackUrl);
        DeadLetterFile deadLetters = new DeadLetterFile(deadLetterFile);
        double deadLettersBefore = Metrics.counter("vigil_ingest_dead_letters_total", "mqtt");

        for (int minute = 0; minute < 40; minute++) {
            double value = minute >= 30 && minute < 33 ? 35.0 : 21.5 + 0.2 * Math.sin(minute);
            if (minute == 15) {
                publish(topic, "{\"metric\":\"temperature\",\"value\":NaN}");
            }
            publish(topic, String.format(Locale.ROOT, "{\"metric\":\"temperature\",\"value\":%.3f,\"ts\":\"%s\"}",
                    value, T0.plus(Duration.ofMinutes(minute))));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> !slack.resolved(entity).isEmpty());
        List<JsonNode> firing = slack.firing(entity);
        assertThat(firing).as("one incident, one alert").hasSize(1);
        JsonNode alert = firing.get(0);
        assertThat(alert.path("text").asText()).startsWith("[FIRING] CRITICAL " + entity + " (mqtt): mean observed 35.00");
        assertThat(alert.path("blocks").get(0).path("type").asText()).isEqualTo("header");
        assertThat(alert.path("blocks").get(0).path("text").path("type").asText()).isEqualTo("plain_text");
        assertThat(alert.path("blocks").get(1).path("text").path("text").asText()).contains("robust z").contains("above");
        assertThat(alert.path("blocks").get(2).path("fields").toString()).contains("Source*\\nmqtt").contains("metric-baseline");
        assertThat(alert.fieldNames()).toIterable().containsExactlyInAnyOrder("text", "blocks");

        assertThat(deadLetters.from("mqtt")).anySatisfy(letter -> {
            assertThat(letter.path("origin").asText()).isEqualTo(topic);
            assertThat(letter.path("reason").asText()).startsWith("malformed JSON");
            assertThat(letter.path("payload").asText()).contains("NaN");
        });
        assertThat(Metrics.counter("vigil_ingest_dead_letters_total", "mqtt")).isGreaterThanOrEqualTo(deadLettersBefore + 1);
    }

    @Test
    void plainNumbersAreReadingsOfTheSeriesTheTopicNames() throws Exception {
        double acceptedBefore = Metrics.counter("vigil_ingest_events_total", "mqtt");
        double deadBefore = Metrics.counter("vigil_ingest_dead_letters_total", "mqtt");

        publish("vigil/sensors/plant-plain/pump-1/pressure", "4.25");
        publish("vigil/sensors/plant-plain/pump-1/pressure", "not a number");
        publish("vigil/sensors/plant-plain/pump-1/pressure", "4.31");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(Metrics.counter("vigil_ingest_events_total", "mqtt")).isEqualTo(acceptedBefore + 2);
            assertThat(Metrics.counter("vigil_ingest_dead_letters_total", "mqtt")).isEqualTo(deadBefore + 1);
        });
        assertThat(new DeadLetterFile(deadLetterFile).from("mqtt"))
                .anySatisfy(letter -> assertThat(letter.path("reason").asText()).contains("neither JSON nor a number"));
    }

    /**
     * The broker sends a persistent session's backlog right after CONNACK; the consumer must listen before it
     * connects, or Paho acknowledges and drops what arrives first (lost under load with Camel's own consumer).
     */
    @Test
    void readingsPublishedWhileVigilIsDisconnectedAreDeliveredWhenItReconnects() throws Exception {
        assertThat(camel.getComponent(MqttSourceComponent.SCHEME)).isInstanceOf(MqttSourceComponent.class);
        double acceptedBefore = Metrics.counter("vigil_ingest_events_total", "mqtt");
        camel.getRouteController().stopRoute("source-mqtt");
        try {
            for (int i = 0; i < BACKLOG; i++) {
                publish("vigil/sensors/plant-offline/fan-1/rpm", String.valueOf(1200 + i));
            }
        } finally {
            camel.getRouteController().startRoute("source-mqtt");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(Metrics.counter("vigil_ingest_events_total", "mqtt")).isEqualTo(acceptedBefore + BACKLOG));
    }

    private void publish(String topic, String payload) throws MqttException {
        MqttPublishing.atLeastOnce(() -> publisher.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false));
    }
}

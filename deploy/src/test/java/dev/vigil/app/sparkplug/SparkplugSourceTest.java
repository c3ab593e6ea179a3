package dev.vigil.app.sparkplug;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.app.testing.DeadLetterFile;
import dev.vigil.app.testing.Metrics;
import dev.vigil.app.testing.MqttPublishing;
import dev.vigil.app.testing.Readiness;
import dev.vigil.app.testing.SlackInbox;
import dev.vigil.app.testing.WorkFoldersResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A simulated Sparkplug B edge node (payloads made by Eclipse Tahu's own encoder) publishing to the real MQTT broker:
 * its births, its data by alias, a lost sequence number, a bad payload, an alias it never declared, a device's death,
 * its own death as the broker tells it (the will published when its connection is killed) and its rebirth.
 */
@QuarkusTest
class SparkplugSourceTest {

    private static final String GROUP = "plant-sp";
    private static final String NODE = "gw-1";
    private static final String DEVICE = "pump-7";
    private static final String NODE_ENTITY = GROUP + "/" + NODE;
    private static final String DEVICE_ENTITY = NODE_ENTITY + "/" + DEVICE;
    private static final long PRESSURE = 2;
    private static final Instant T0 = Instant.parse("2026-02-02T00:00:00Z");

    @ConfigProperty(name = "vigil.mqtt.broker-url")
    String brokerUrl;
    @ConfigProperty(name = "vigil.notify.slack.webhook-url")
    String slackUrl;
    @ConfigProperty(name = WorkFoldersResource.DEAD_LETTER_FILE)
    String deadLetterFile;

    private MqttClient edge;
    private long seq;

    @AfterEach
    void disconnect() throws MqttException {
        if (edge != null && edge.isConnected()) {
            edge.disconnect();
        }
        if (edge != null) {
            edge.close();
        }
    }

    @Test
    void anEdgeNodesDataIsScoredItsDeathsAreQuietAlertsAndItsRebirthResolvesThem() throws Exception {
        SlackInbox slack = new SlackInbox(slackUrl);
        String pressure = "Pressure{device=" + DEVICE + ",group=" + GROUP + ",node=" + NODE + "}";
        double deadLettersBefore = Metrics.counter("vigil_ingest_dead_letters_total", "sparkplug");

        // subscribed before the edge node is born: its birth is what makes its aliases readable
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Readiness readiness = Readiness.now();
            assertThat(readiness.check("sparkplug")).isEqualTo("UP");
            assertThat(readiness.data("sparkplug")).containsEntry("subscribed", true);
        });
        connectAndBeBorn(1);
        for (int minute = 0; minute < 40; minute++) {
            double value = minute >= 30 && minute < 33 ? 9.0 : 4.2 + 0.05 * Math.sin(minute);
            if (minute == 20) {
                seq++; // a message lost on the way: Vigil sees seq jump by two
            }
            publish("DDATA/" + NODE + "/" + DEVICE, payload(new Metric.MetricBuilder(PRESSURE, MetricDataType.Double,
                    value).timestamp(Date.from(T0.plus(Duration.ofMinutes(minute)))).createMetric()));
        }
        edge.publish(topic("NDATA/" + NODE), new byte[] { 0x0a, (byte) 0xff, 0x01 }, 1, false);
        publish("DDATA/" + NODE + "/" + DEVICE, payload(new Metric.MetricBuilder(99L, MetricDataType.Double, 1.0)
                .createMetric()));

        // the data by alias was scored: the pressure spike is one alert, resolved when the pressure is back
        await().atMost(Duration.ofSeconds(90)).until(() -> !slack.resolved(pressure).isEmpty());
        assertThat(slack.firing(pressure)).hasSize(1).first()
                .satisfies(alert -> assertThat(alert.path("text").asText()).contains("(sparkplug)"));
        assertThat(Metrics.counter("vigil_sparkplug_sequence_gaps_total", "node", NODE)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<JsonNode> letters = new DeadLetterFile(deadLetterFile).from("sparkplug");
            assertThat(letters).anySatisfy(letter -> {
                assertThat(letter.path("origin").asText()).isEqualTo("spBv1.0/" + GROUP + "/NDATA/" + NODE);
                assertThat(letter.path("reason").asText()).startsWith("not a Sparkplug B payload (protobuf)");
                assertThat(letter.path("payload").asText()).isEqualTo("base64:Cv8B");
            });
            assertThat(letters).anySatisfy(letter -> assertThat(letter.path("reason").asText())
                    .isEqualTo("alias 99 is not in the birth certificate of " + DEVICE_ENTITY));
            assertThat(Metrics.counter("vigil_ingest_dead_letters_total", "sparkplug")).isEqualTo(deadLettersBefore + 2);
        });

        // the device dies: one quiet alert naming it, at once
        publish("DDEATH/" + NODE + "/" + DEVICE, payload());
        await().atMost(Duration.ofSeconds(30)).until(() -> !slack.firing(DEVICE_ENTITY).isEmpty());

        // the node's connection is killed: the broker publishes its will, the NDEATH of its birth
        edge.disconnectForcibly(0, 0, false);
        await().atMost(Duration.ofSeconds(30)).until(() -> !slack.firing(NODE_ENTITY).isEmpty());
        JsonNode death = slack.firing(NODE_ENTITY).get(0);
        assertThat(death.path("text").asText()).contains("(sparkplug)").contains("NDEATH (bdSeq 1)");
        assertThat(death.path("blocks").get(2).path("fields").toString()).contains("quiet");

        // born again (a new connection, bdSeq 2): both alerts resolve, and each fired once
        edge.close();
        connectAndBeBorn(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> !slack.resolved(NODE_ENTITY).isEmpty()
                && !slack.resolved(DEVICE_ENTITY).isEmpty());
        assertThat(slack.firing(NODE_ENTITY)).hasSize(1);
        assertThat(slack.firing(DEVICE_ENTITY)).hasSize(1);
    }

    /** Connects with the will Sparkplug asks for (NDEATH with this bdSeq), then publishes NBIRTH and DBIRTH. */
    private void connectAndBeBorn(long bdSeq) throws Exception {
        edge = new MqttClient(brokerUrl, "sparkplug-edge-" + NODE, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        MqttMessage will = new MqttMessage(encode(new SparkplugBPayload.SparkplugBPayloadBuilder()
                .setTimestamp(new Date()).addMetric(bdSeqMetric(bdSeq)).createPayload()));
        will.setQos(1);
        options.setWill(topic("NDEATH/" + NODE), will);
        edge.connect(options);
        seq = 0;
        publish("NBIRTH/" + NODE, payload(bdSeqMetric(bdSeq),
                new Metric.MetricBuilder("Node Control/Rebirth", MetricDataType.Boolean, false).createMetric(),
                new Metric.MetricBuilder("Temperature", MetricDataType.Double, 35.5).alias(1L).createMetric()));
        publish("DBIRTH/" + NODE + "/" + DEVICE, payload(
                new Metric.MetricBuilder("Pressure", MetricDataType.Double, 4.2).alias(PRESSURE)
                        .timestamp(Date.from(T0.minus(Duration.ofMinutes(1)))).createMetric()));
    }

    private static Metric bdSeqMetric(long bdSeq) throws Exception {
        return new Metric.MetricBuilder("bdSeq", MetricDataType.Int64, bdSeq).createMetric();
    }

    /** A payload with the next sequence number. */
    private SparkplugBPayload payload(Metric... metrics) {
        SparkplugBPayload.SparkplugBPayloadBuilder payload = new SparkplugBPayload.SparkplugBPayloadBuilder()
                .setTimestamp(new Date()).setSeq(seq);
        seq = (seq + 1) % 256;
        for (Metric metric : metrics) {
            payload.addMetric(metric);
        }
        return payload.createPayload();
    }

    private void publish(String typeAndIds, SparkplugBPayload payload) throws Exception {
        byte[] body = encode(payload);
        MqttPublishing.atLeastOnce(() -> edge.publish(topic(typeAndIds), body, 1, false));
    }

    private static byte[] encode(SparkplugBPayload payload) throws Exception {
        return new SparkplugBPayloadEncoder().getBytes(payload, false);
    }

    private static String topic(String typeAndIds) {
        return "spBv1.0/" + GROUP + "/" + typeAndIds;
    }
}

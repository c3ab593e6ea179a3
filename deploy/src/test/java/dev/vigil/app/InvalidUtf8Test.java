package dev.vigil.app;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.app.testing.DeadLetterFile;
import dev.vigil.app.testing.KafkaBrokerResource;
import dev.vigil.app.testing.Metrics;
import dev.vigil.app.testing.WorkFoldersResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Input that is not UTF-8, over the real brokers: a log line and a user event over Kafka, a reading over MQTT. Each
 * is a dead letter saying which bytes are not UTF-8 and where, counted under its source, and the next valid input
 * flows; none becomes an event with U+FFFD in place of what was sent.
 */
@QuarkusTest
class InvalidUtf8Test {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "vigil.kafka.brokers")
    String brokers;
    @ConfigProperty(name = "vigil.mqtt.broker-url")
    String mqttUrl;
    @ConfigProperty(name = WorkFoldersResource.DEAD_LETTER_FILE)
    String deadLetterFile;

    /** The text with {@code bad} (bytes that are not UTF-8) in place of {@code |}. */
    private static byte[] withBytes(String text, int... bad) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] halves = text.split("\\|", 2);
        out.writeBytes(halves[0].getBytes(StandardCharsets.UTF_8));
        for (int b : bad) {
            out.write(b);
        }
        out.writeBytes(halves[1].getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Where {@link #withBytes} puts the bad bytes: the UTF-8 length of what comes before {@code |}. */
    private static int offsetOf(String text) {
        return utf8(text.substring(0, text.indexOf('|'))).length;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The source's dead letters whose payload or origin contains the marker. */
    private List<JsonNode> lettersAbout(String source, String marker) throws Exception {
        return new DeadLetterFile(deadLetterFile).from(source).stream()
                .filter(letter -> letter.path("payload").asText().contains(marker)
                        || letter.path("origin").asText().contains(marker)).toList();
    }

    @Test
    void kafkaLogRecordsWhoseValueOrKeyIsNotUtf8AreDeadLetteredAndTheNextFlows() throws Exception {
        double accepted = Metrics.counter("vigil_ingest_events_total", "kafka");
        double dead = Metrics.counter("vigil_ingest_dead_letters_total", "kafka");
        String line = "2026-01-06T10:00:00Z ERROR utf8-check paiement refus| value-marker";
        try (KafkaProducer<byte[], byte[]> producer = KafkaBrokerResource.bytesProducer(brokers)) {
            // "é" in Latin-1, as a misconfigured shipper sends it
            producer.send(new ProducerRecord<>(KafkaBrokerResource.LOG_TOPIC, utf8("utf8-check"), withBytes(line, 0xE9)));
            producer.send(new ProducerRecord<>(KafkaBrokerResource.LOG_TOPIC, new byte[] {(byte) 0xC3, 0x28},
                    utf8("{\"timestamp\":\"2026-01-06T10:00:01Z\",\"level\":\"ERROR\",\"message\":\"key-marker\"}")));
            producer.send(new ProducerRecord<>(KafkaBrokerResource.LOG_TOPIC, utf8("utf8-check"),
                    utf8("2026-01-06T10:00:02Z INFO utf8-check paiement refusé, then accepted")));
            producer.flush();
        }
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(Metrics.counter("vigil_ingest_dead_letters_total", "kafka")).isEqualTo(dead + 2);
            assertThat(Metrics.counter("vigil_ingest_events_total", "kafka")).isEqualTo(accepted + 1);
        });
        assertThat(lettersAbout("kafka", "value-marker")).singleElement().satisfies(letter -> {
            assertThat(letter.path("reason").asText())
                    .isEqualTo("the record is not valid UTF-8: byte 0xE9 at offset " + offsetOf(line));
            assertThat(letter.path("payload").asText()).contains("refus\uFFFD value-marker");
            assertThat(letter.path("origin").asText()).startsWith(KafkaBrokerResource.LOG_TOPIC + "/");
        });
        assertThat(lettersAbout("kafka", "key-marker")).singleElement().satisfies(letter -> assertThat(
                letter.path("reason").asText()).isEqualTo("the record's key is not valid UTF-8: byte 0xC3 at offset 0"));
    }

    @Test
    void aUserEventThatIsNotUtf8IsDeadLetteredAndTheNextFlows() throws Exception {
        double accepted = Metrics.counter("vigil_ingest_events_total", "users");
        double dead = Metrics.counter("vigil_ingest_dead_letters_total", "users");
        String event = "{\"user\":\"%s\",\"timestamp\":\"2026-01-06T10:00:00Z\",\"action\":\"login\",\"outcome\":\"success\","
                + "\"ip\":\"203.0.113.70\",\"country\":\"DE\",\"endpoint\":\"POST /login\",\"user_agent\":\"%s\"}";
        String broken = event.formatted("ren|e", "user-marker");
        try (KafkaProducer<byte[], byte[]> producer = KafkaBrokerResource.bytesProducer(brokers)) {
            producer.send(new ProducerRecord<>(KafkaBrokerResource.USER_TOPIC, utf8("ren\u00e9e"), withBytes(broken, 0xE9)));
            producer.send(new ProducerRecord<>(KafkaBrokerResource.USER_TOPIC, utf8("ren\u00e9e"),
                    utf8(event.formatted("ren\u00e9e", "curl/8"))));
            producer.flush();
        }
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(Metrics.counter("vigil_ingest_dead_letters_total", "users")).isEqualTo(dead + 1);
            assertThat(Metrics.counter("vigil_ingest_events_total", "users")).isEqualTo(accepted + 1);
        });
        assertThat(lettersAbout("users", "user-marker")).singleElement().satisfies(letter -> assertThat(
                letter.path("reason").asText()).isEqualTo("the record is not valid UTF-8: byte 0xE9 at offset " + offsetOf(broken)));
    }

    @Test
    void anMqttReadingThatIsNotUtf8IsDeadLetteredAndTheNextFlows() throws Exception {
        double accepted = Metrics.counter("vigil_ingest_events_total", "mqtt");
        double dead = Metrics.counter("vigil_ingest_dead_letters_total", "mqtt");
        String topic = "vigil/sensors/plant-utf8/pump-1";
        // "º" in Latin-1
        String reading = "{\"metric\":\"pressure\",\"value\":4.2,\"tags\":{\"line\":\"n|1\"},\"ts\":\"2026-01-06T10:00:00Z\"}";
        MqttClient publisher = new MqttClient(mqttUrl, "invalid-utf8-test", new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        publisher.connect(options);
        try {
            publisher.publish(topic, withBytes(reading, 0xBA), 1, false);
            publisher.publish(topic, utf8("{\"metric\":\"pressure\",\"value\":4.3,\"tags\":{\"line\":\"n\u00ba1\"},"
                    + "\"ts\":\"2026-01-06T10:00:01Z\"}"), 1, false);
        } finally {
            publisher.disconnect();
            publisher.close();
        }
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(Metrics.counter("vigil_ingest_dead_letters_total", "mqtt")).isEqualTo(dead + 1);
            assertThat(Metrics.counter("vigil_ingest_events_total", "mqtt")).isEqualTo(accepted + 1);
        });
        assertThat(lettersAbout("mqtt", "plant-utf8")).anySatisfy(letter -> assertThat(letter.path("reason").asText())
                .isEqualTo("the payload is not valid UTF-8: byte 0xBA at offset " + offsetOf(reading)));
    }
}

package dev.vigil.app;

import java.time.Duration;

import dev.vigil.app.testing.DeadLetterFile;
import dev.vigil.app.testing.FormatsFolderProfile;
import dev.vigil.app.testing.KafkaBrokerResource;
import dev.vigil.app.testing.Metrics;
import dev.vigil.app.testing.WorkFoldersResource;
import dev.vigil.features.logs.formats.FormatCatalogue;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A log format added as a file of the formats folder, no rebuild: read at start, named by a Kafka source, whose lines
 * are then read in its layout (and lines of another layout dead-lettered), its templates settings those of the file.
 */
@QuarkusTest
@TestProfile(FormatsFolderProfile.class)
class LogFormatsFolderTest {

    @Inject
    FormatCatalogue formats;

    @ConfigProperty(name = "vigil.kafka.brokers")
    String brokers;
    @ConfigProperty(name = WorkFoldersResource.DEAD_LETTER_FILE)
    String deadLetterFile;

    @Test
    void aFormatOfTheFolderIsReadAtStartAndASourceNamingItReadsItsLines() throws Exception {
        assertThat(formats.get("acme").origin()).endsWith("acme.yaml");
        assertThat(formats.get("acme").templates().distinctValues()).isEqualTo(2);
        assertThat(formats.get("HDFS").origin()).as("the shipped ones are still there").isEqualTo(FormatCatalogue.SHIPPED);

        double taken = Metrics.counter("vigil_ingest_events_total", "hdfs");
        double dead = Metrics.counter("vigil_ingest_dead_letters_total", "hdfs");
        try (KafkaProducer<String, String> producer = KafkaBrokerResource.producer(brokers)) {
            producer.send(new ProducerRecord<>(KafkaBrokerResource.HDFS_TOPIC, "gateway",
                    "2026-01-06T10:00:00Z|WARN|upstream slow for route 7"));
            producer.send(new ProducerRecord<>(KafkaBrokerResource.HDFS_TOPIC, "gateway",
                    "081109 203518 143 INFO dfs.DataNode$DataXceiver: Receiving block blk_-160"));
            producer.flush();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(Metrics.counter("vigil_ingest_events_total", "hdfs")).isEqualTo(taken + 1);
            assertThat(Metrics.counter("vigil_ingest_dead_letters_total", "hdfs")).isEqualTo(dead + 1);
        });
        assertThat(new DeadLetterFile(deadLetterFile).from("hdfs")).anySatisfy(letter ->
                assertThat(letter.path("reason").asText()).startsWith("line does not match the configured line pattern"));
    }
}

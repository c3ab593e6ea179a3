package dev.vigil.app;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.app.testing.DeadLetterFile;
import dev.vigil.app.testing.KafkaBrokerResource;
import dev.vigil.app.testing.Metrics;
import dev.vigil.app.testing.SlackInbox;
import dev.vigil.app.testing.WorkFoldersResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Log records on a real Kafka broker become per-service error counts; an error burst is one Slack alert. */
@QuarkusTest
class KafkaSourceTest {

    private static final Instant T0 = Instant.parse("2026-01-06T00:00:00Z");

    @ConfigProperty(name = "vigil.kafka.brokers")
    String brokers;
    @ConfigProperty(name = "vigil.kafka.group-id")
    String groupId;
    @ConfigProperty(name = "vigil.notify.slack.webhook-url")
    String slackUrl;
    @ConfigProperty(name = WorkFoldersResource.DEAD_LETTER_FILE)
    String deadLetterFile;

    @Test
    void anErrorBurstGivesOneSlackAlertAndOffsetsAreCommittedAfterProcessing() throws Exception {
        String service = "billing-e2e";
        SlackInbox slack = new SlackInbox(slackUrl);
        try (KafkaProducer<String, String> producer = KafkaBrokerResource.producer(brokers)) {
            for (int minute = 0; minute < 40; minute++) {
                int errors = minute >= 30 && minute < 33 ? 10 : minute % 3 == 0 ? 1 : 0;
                for (int line = 0; line < 12; line++) {
                    String level = line < errors ? "ERROR" : "INFO";
                    Instant at = T0.plus(Duration.ofMinutes(minute)).plusSeconds(line);
                    String value = line % 2 == 0
                            ? String.format("{\"timestamp\":\"%s\",\"service\":\"%s\",\"level\":\"%s\",\"message\":\"charge %d\","
                                    + "\"traceId\":\"t-%d-%d\"}", at, service, level, line, minute, line)
                            : at + " " + level + " " + service + " charge " + line;
                    producer.send(new ProducerRecord<>(KafkaBrokerResource.LOG_TOPIC, service, value));
                }
                if (minute == 20) {
                    producer.send(new ProducerRecord<>(KafkaBrokerResource.LOG_TOPIC, service, "{\"level\":\"ERROR\",\"message\":"));
                }
            }
            producer.flush();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> !slack.resolved(service).isEmpty());
        List<JsonNode> firing = slack.firing(service);
        assertThat(firing).as("one incident, one alert").hasSize(1);
        assertThat(firing.get(0).path("text").asText())
                .startsWith("[FIRING] WARNING " + service + " (kafka): log-errors: error_count observed 10.00");

        assertThat(new DeadLetterFile(deadLetterFile).from("kafka")).anySatisfy(letter -> {
            assertThat(letter.path("origin").asText()).startsWith(KafkaBrokerResource.LOG_TOPIC + "/");
            assertThat(letter.path("reason").asText()).startsWith("malformed JSON");
        });

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(committedOffsets(admin)).isEqualTo(endOffsets(admin)));
        }
    }

    @Test
    void textLinesThatMatchNoFormatAreDeadLetteredAndTheNextRecordFlows() {
        double acceptedBefore = Metrics.counter("vigil_ingest_events_total", "kafka");
        double deadBefore = Metrics.counter("vigil_ingest_dead_letters_total", "kafka");
        try (KafkaProducer<String, String> producer = KafkaBrokerResource.producer(brokers)) {
            producer.send(new ProducerRecord<>(KafkaBrokerResource.LOG_TOPIC, "search", "garbage without any structure"));
            producer.send(new ProducerRecord<>(KafkaBrokerResource.LOG_TOPIC, "search",
                    "2026-01-06T10:00:00Z WARNING search slow query took 900 ms"));
            producer.flush();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(Metrics.counter("vigil_ingest_dead_letters_total", "kafka")).isEqualTo(deadBefore + 1);
            assertThat(Metrics.counter("vigil_ingest_events_total", "kafka")).isEqualTo(acceptedBefore + 1);
        });
    }

    private Map<TopicPartition, Long> committedOffsets(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        return committed.entrySet().stream().filter(e -> e.getKey().topic().equals(KafkaBrokerResource.LOG_TOPIC))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int partition = 0; partition < 2; partition++) {
            request.put(new TopicPartition(KafkaBrokerResource.LOG_TOPIC, partition), OffsetSpec.latest());
        }
        return admin.listOffsets(request).all().get(10, TimeUnit.SECONDS).entrySet().stream()
                .filter(e -> e.getValue().offset() > 0)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /**
     * A steady trickle never leaves the consumer a poll without records, and Camel's batching hands a batch on when it
     * is full or after an empty poll: without {@code vigil.kafka.batch-interval-ms}, 20 records a second would wait
     * 25 s for a batch of 500.
     */
    @Test
    void aSteadyTrickleIsHandedOnWithoutWaitingForAFullBatch() throws Exception {
        double acceptedBefore = Metrics.counter("vigil_ingest_events_total", "kafka");
        AtomicInteger sent = new AtomicInteger();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try (KafkaProducer<String, String> producer = KafkaBrokerResource.producer(brokers)) {
            trickle.scheduleAtFixedRate(() -> producer.send(new ProducerRecord<>(KafkaBrokerResource.LOG_TOPIC, "trickle",
                    Instant.now() + " INFO trickle request " + sent.incrementAndGet())), 0, 50, TimeUnit.MILLISECONDS);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(Metrics.counter("vigil_ingest_events_total", "kafka")).isGreaterThanOrEqualTo(acceptedBefore + 20));
            assertThat(sent.get()).as("taken in while the trickle still runs, far below a batch of 500").isLessThan(500);
            trickle.shutdown();
            assertThat(trickle.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            trickle.shutdownNow();
        }
        // every record of the trickle taken in, so none is counted by another test
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(Metrics.counter("vigil_ingest_events_total", "kafka")).isEqualTo(acceptedBefore + sent.get()));
    }

}

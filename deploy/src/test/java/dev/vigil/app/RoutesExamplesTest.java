package dev.vigil.app;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.vigil.app.testing.DeadLetterFile;
import dev.vigil.app.testing.KafkaBrokerResource;
import dev.vigil.app.testing.Metrics;
import dev.vigil.app.testing.MetricsApiStubResource;
import dev.vigil.app.testing.MqttPublishing;
import dev.vigil.app.testing.RoutesExamplesProfile;
import dev.vigil.app.testing.WorkFoldersResource;
import dev.vigil.ingest.mqtt.MqttSourceConsumer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shipped route examples (deploy/src/main/routes-examples, the README's "Plugging a source") loaded from the
 * routes folder as they are, and Vigil's Kamelets, fed end to end through what they read in real life: a JSON
 * metrics API (a WireMock stub standing for the third party's), the in-process Kafka broker, the embedded MQTT broker.
 * Each source's items are counted under its name; its bad items are dead letters with their reason, and the items
 * after them still come in.
 */
@QuarkusTest
@TestProfile(RoutesExamplesProfile.class)
class RoutesExamplesTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Inject
    CamelContext camel;
    @ConfigProperty(name = MetricsApiStubResource.URL)
    String metricsApiUrl;
    @ConfigProperty(name = "vigil.kafka.brokers")
    String brokers;
    @ConfigProperty(name = "vigil.mqtt.broker-url")
    String mqttUrl;
    @ConfigProperty(name = WorkFoldersResource.DEAD_LETTER_FILE)
    String deadLetterFile;

    @Test
    void theHttpPollingExampleMapsTheApisItemsToReadingsAndDeadLettersBadOnesWhileItGoesOnPolling() throws Exception {
        Counts boilerApi = Counts.of("boiler-api");

        // one answer with two good boilers, one whose temperature is text and one without; an outage; one more boiler
        String path = MetricsApiStubResource.BOILER_API_PATH;
        WireMock api = api();
        api.register(get(urlPathEqualTo(path)).inScenario("boilers").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("""
                        {"boilers":[
                          {"id":"b-7","temp":71.5,"pressure":1.9,"measuredAt":"2026-01-09T10:00:00Z"},
                          {"id":"b-8","temp":68.25,"pressure":2.1,"measuredAt":"2026-01-09T10:00:00Z"},
                          {"id":"b-9","temp":"n/a","pressure":2.0,"measuredAt":"2026-01-09T10:00:00Z"},
                          {"id":"b-10","pressure":1.8,"measuredAt":"2026-01-09T10:00:00Z"}]}"""))
                .willSetStateTo("outage"));
        api.register(get(urlPathEqualTo(path)).inScenario("boilers").whenScenarioStateIs("outage")
                .willReturn(serviceUnavailable()).willSetStateTo("back"));
        api.register(get(urlPathEqualTo(path)).inScenario("boilers").whenScenarioStateIs("back")
                .willReturn(okJson("{\"boilers\":[{\"id\":\"b-7\",\"temp\":72.0,\"measuredAt\":\"2026-01-09T10:01:00Z\"}]}"))
                .willSetStateTo("quiet"));
        api.register(get(urlPathEqualTo(path)).inScenario("boilers").whenScenarioStateIs("quiet")
                .willReturn(okJson("{\"boilers\":[]}")));

        boilerApi.awaitMore(3, 2);
        assertThat(new DeadLetterFile(deadLetterFile).from("boiler-api"))
                .anySatisfy(letter -> {
                    assertThat(letter.path("reason").asText()).isEqualTo("field 'value' must be a number, got string");
                    assertThat(letter.path("payload").asText()).contains("\"b-9\"");
                })
                .anySatisfy(letter -> {
                    assertThat(letter.path("reason").asText()).isEqualTo("the item has no $.temp (vigilValue)");
                    assertThat(letter.path("payload").asText()).contains("\"b-10\"");
                });
    }

    @Test
    void theHttpPollKameletMapsItemsAsItsPropertiesSay() throws Exception {
        Counts pressures = Counts.of("boiler-pressure");

        String path = "/api/v1/pressures";
        WireMock api = api();
        api.register(get(urlPathEqualTo(path)).inScenario("pressures").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"boilers\":[{\"id\":\"b-7\",\"pressure\":1.9},{\"id\":\"b-8\"},"
                        + "{\"id\":\"b-9\",\"pressure\":2.2}]}"))
                .willSetStateTo("quiet"));
        api.register(get(urlPathEqualTo(path)).inScenario("pressures").whenScenarioStateIs("quiet")
                .willReturn(okJson("{\"boilers\":[]}")));

        pressures.awaitMore(2, 1);
        assertThat(new DeadLetterFile(deadLetterFile).from("boiler-pressure")).anySatisfy(letter ->
                assertThat(letter.path("reason").asText()).isEqualTo("the item has no $.pressure (vigilValue)"));
    }

    @Test
    void theKafkaExamplesFeedLogLinesAndReadingsAndDeadLetterBadOnes() throws Exception {
        Counts shopLogs = Counts.of("shop-logs");
        Counts plantFeed = Counts.of("plant-feed");

        try (KafkaProducer<String, String> producer = KafkaBrokerResource.producer(brokers)) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>("shop.access-log", String.format(Locale.ROOT,
                        "198.51.100.%d - - [05/Feb/2026:09:%02d:02 +0000] \"GET /cart/%d HTTP/2.0\" 200 %d \"-\" \"curl/8.5.0\"",
                        i, i, i, 100 + i)));
                producer.send(new ProducerRecord<>("plant.readings", String.format(Locale.ROOT,
                        "{\"metric\":\"flow\",\"value\":%d.5,\"ts\":\"2026-01-09T10:0%d:00Z\",\"tags\":{\"line\":\"7\"}}", 40 + i, i)));
                if (i == 2) {
                    producer.send(new ProducerRecord<>("shop.access-log", "not an nginx line at all"));
                    producer.send(new ProducerRecord<>("plant.readings", "{\"metric\":\"flow\",\"value\":\"lots\"}"));
                }
            }
            producer.flush();
        }

        shopLogs.awaitMore(5, 1);
        plantFeed.awaitMore(5, 1);
        assertThat(new DeadLetterFile(deadLetterFile).from("shop-logs")).anySatisfy(letter ->
                assertThat(letter.path("reason").asText()).contains("line does not match"));
        assertThat(new DeadLetterFile(deadLetterFile).from("plant-feed")).anySatisfy(letter ->
                assertThat(letter.path("reason").asText()).isEqualTo("field 'value' must be a number, got string"));
    }

    @Test
    void theKafkaKameletPassesUserEventsOnAsTheyAre() throws Exception {
        Counts sso = Counts.of("sso-kafka");

        try (KafkaProducer<String, String> producer = KafkaBrokerResource.producer(brokers)) {
            for (int i = 0; i < 4; i++) {
                producer.send(new ProducerRecord<>("sso.logins", String.format(Locale.ROOT, "{\"user\":\"u%d\","
                        + "\"timestamp\":\"2026-01-09T10:00:0%dZ\",\"action\":\"login\",\"outcome\":\"success\","
                        + "\"ip\":\"203.0.113.%d\"}", i, i, i)));
                if (i == 1) {
                    producer.send(new ProducerRecord<>("sso.logins", "{\"user\":\"u9\",\"action\":\"login\","
                            + "\"outcome\":\"success\",\"ip\":\"203.0.113.9\",\"role\":\"admin\"}"));
                }
            }
            producer.flush();
        }

        sso.awaitMore(4, 1);
        assertThat(new DeadLetterFile(deadLetterFile).from("sso-kafka")).anySatisfy(letter ->
                assertThat(letter.path("reason").asText()).contains("role"));
    }

    @Test
    void theMqttKameletExampleMapsThePumpsOwnJsonToReadings() throws Exception {
        // a first session subscribes once it is connected: what is published before that is not its to read
        await().atMost(DEADLINE).until(() -> pumpSession().link().ready());
        assertThat(pumpSession().getEndpoint().settings().topic()).as("the + of RAW(...) kept").isEqualTo("pumps/+/telemetry");
        Counts pumps = Counts.of("pumps");

        MqttClient publisher = new MqttClient(mqttUrl, "routes-examples-test", new MemoryPersistence());
        publisher.connect();
        try {
            for (int i = 0; i < 4; i++) {
                publish(publisher, "pumps/p-3/telemetry", String.format(Locale.ROOT,
                        "{\"pump\":\"p-3\",\"rpm\":%d,\"at\":%d}", 1480 + i, 1_764_496_800L + 60L * i));
                if (i == 1) {
                    publish(publisher, "pumps/p-3/telemetry", "{\"pump\":\"p-3\",\"rpm\":\"fast\",\"at\":1764496860}");
                    publish(publisher, "pumps/p-3/telemetry", "{\"pump\":\"p-3\",\"at\":1764496860}");
                    // outside the topic filter's + wildcard: not the example's to read
                    publish(publisher, "pumps/p-3/status", "{\"pump\":\"p-3\",\"rpm\":0,\"at\":1764496860}");
                    publish(publisher, "pumps/p-3/telemetry/raw", "{\"pump\":\"p-3\",\"rpm\":0,\"at\":1764496860}");
                }
            }
        } finally {
            publisher.disconnect();
            publisher.close();
        }

        pumps.awaitMore(4, 2);
        assertThat(new DeadLetterFile(deadLetterFile).from("pumps"))
                .anySatisfy(letter -> assertThat(letter.path("reason").asText()).isEqualTo("field 'value' must be a number, got string"))
                .anySatisfy(letter -> assertThat(letter.path("reason").asText()).isEqualTo("the item has no $.rpm (vigilValue)"));
    }

    /** The MQTT session of the pump-telemetry example's Kamelet. */
    private MqttSourceConsumer pumpSession() {
        return camel.getRoutes().stream()
                .filter(route -> route.getConsumer() instanceof MqttSourceConsumer consumer
                        && consumer.getEndpoint().settings().clientId().equals("vigil-pumps"))
                .map(route -> (MqttSourceConsumer) route.getConsumer())
                .findFirst().orElseThrow(() -> new AssertionError("no MQTT session of client vigil-pumps"));
    }

    /** A source's counts of items taken in and dead-lettered, as the Prometheus endpoint gives them now. */
    private record Counts(String source, double taken, double dead) {

        static Counts of(String source) {
            return new Counts(source, Metrics.counter("vigil_ingest_events_total", source),
                    Metrics.counter("vigil_ingest_dead_letters_total", source));
        }

        /** Waits until {@code taken} more items were taken in and {@code dead} more dead-lettered. */
        void awaitMore(int taken, int dead) {
            await().atMost(DEADLINE).untilAsserted(() -> {
                Counts now = of(source);
                assertThat(now.taken()).as("taken in from " + source).isEqualTo(this.taken + taken);
                assertThat(now.dead()).as("dead letters from " + source).isEqualTo(this.dead + dead);
            });
        }
    }

    private static void publish(MqttClient publisher, String topic, String payload) throws Exception {
        MqttPublishing.atLeastOnce(() -> publisher.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false));
    }

    private WireMock api() {
        URI base = URI.create(metricsApiUrl);
        return new WireMock(base.getHost(), base.getPort());
    }
}

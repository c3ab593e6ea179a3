package dev.vigil.app;

import java.time.Duration;

import dev.vigil.app.testing.Metrics;
import dev.vigil.app.testing.MqttBrokerResource;
import dev.vigil.app.testing.Readiness;
import dev.vigil.demo.simulator.SteadyPublisher;
import dev.vigil.ingest.mqtt.MqttSourceRoute;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The MQTT source against a real broker (the suite's embedded HiveMQ CE) that goes away and comes back, on the same
 * port with its sessions kept, while sensors publish at a steady rate and retry while it is away.
 */
@QuarkusTest
class MqttBrokerOutageTest {

    private static final String MQTT = "mqtt";

    @ConfigProperty(name = "vigil.mqtt.broker-url")
    String brokerUrl;
    @Inject
    CamelContext camel;

    /** Leaves the broker up and the source connected, as the next test expects them. */
    @AfterEach
    void brokerBackAndSourceConnected() throws Exception {
        MqttBrokerResource.broker().up();
        if (!camel.getRouteController().getRouteStatus(MqttSourceRoute.ROUTE_ID).isStarted()) {
            camel.getRouteController().startRoute(MqttSourceRoute.ROUTE_ID);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(Readiness.now().check(MQTT)).isEqualTo("UP"));
    }

    /**
     * The failure: after a broker restart under load, Camel's consumer resubscribed on Paho's callback thread
     * while the session's queued readings filled Paho's inbound queue; the SUBACK was never read and nothing was taken
     * in any more (the count froze) until Vigil restarted.
     */
    @Test
    void everyReadingPublishedAcrossABrokerRestartIsTakenIn() throws Exception {
        double before = Metrics.counter("vigil_ingest_events_total", MQTT);
        long published;
        try (SteadyPublisher sensors = SteadyPublisher.start(brokerUrl, "vigil/sensors/plant-restart/", 10, 100)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> sensors.published() >= 200);
            MqttBrokerResource.broker().down();
            // away for some seconds: the sensors come back before Vigil's next attempt, so a backlog awaits it
            await().atMost(Duration.ofSeconds(60)).until(() -> sensors.failedAttempts() >= 50);
            MqttBrokerResource.broker().up();
            long atRestart = sensors.published();
            // a backlog queued in Vigil's session while it reconnects, then steady readings again
            await().atMost(Duration.ofSeconds(60)).until(() -> sensors.published() >= atRestart + 500);
            sensors.close();
            published = sensors.published();
        }
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(Metrics.counter("vigil_ingest_events_total", MQTT) - before)
                        .as("readings taken in of %d published", published).isGreaterThanOrEqualTo(published));
    }

    @Test
    void readinessIsDownWhileTheBrokerIsAwayAndUpOnceTheSourceIsBack() throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Readiness.now().check(MQTT)).isEqualTo("UP"));
        assertThat(Readiness.now().data(MQTT)).containsEntry("connected", true).containsEntry("subscribed", true)
                .containsEntry("broker", brokerUrl);

        MqttBrokerResource.broker().down();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Readiness down = Readiness.now();
            assertThat(down.httpStatus()).isEqualTo(503);
            assertThat(down.check(MQTT)).isEqualTo("DOWN");
            assertThat(down.data(MQTT)).containsEntry("connected", false).containsKey("lastFailure");
        });

        MqttBrokerResource.broker().up();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Readiness up = Readiness.now();
            assertThat(up.check(MQTT)).isEqualTo("UP");
            assertThat(up.httpStatus()).isEqualTo(200);
        });
    }

    /**
     * Vigil used to fail its start (Camel: "Unable to connect to server (32103)") when its broker was unreachable: the
     * source's start is that of the route, here started while the broker is down.
     */
    @Test
    void theSourceStartsWhileTheBrokerIsDownAndTakesReadingsOnceItIsUp() throws Exception {
        camel.getRouteController().stopRoute(MqttSourceRoute.ROUTE_ID);
        MqttBrokerResource.broker().down();

        camel.getRouteController().startRoute(MqttSourceRoute.ROUTE_ID);
        assertThat(camel.getRouteController().getRouteStatus(MqttSourceRoute.ROUTE_ID).isStarted()).isTrue();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Readiness.now().check(MQTT)).isEqualTo("DOWN"));

        double before = Metrics.counter("vigil_ingest_events_total", MQTT);
        MqttBrokerResource.broker().up();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(Readiness.now().check(MQTT)).isEqualTo("UP"));
        long published;
        try (SteadyPublisher sensors = SteadyPublisher.start(brokerUrl, "vigil/sensors/plant-late-broker/", 5, 100)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> sensors.published() >= 100);
            sensors.close();
            published = sensors.published();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(Metrics.counter("vigil_ingest_events_total", MQTT) - before).isGreaterThanOrEqualTo(published));
    }
}

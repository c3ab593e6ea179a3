package dev.vigil.app;

import java.time.Duration;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** What an operator's probes and scrapers see. */
@QuarkusTest
class OperationsEndpointsTest {

    /** Ready once every source has its broker: the MQTT session subscribed, the Kafka consumers their partitions. */
    @Test
    void healthIsUpOnceTheSourcesAreConnected() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("mqtt", "kafka", "users")));
    }

    @Test
    void prometheusShowsVigilsOwnMetersAndCamelRoutes() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("vigil_detector_series{detector=\"metric-baseline\""))
                .body(containsString("vigil_windows_late_events"))
                .body(containsString("routeId=\"source-kafka\""));
    }
}

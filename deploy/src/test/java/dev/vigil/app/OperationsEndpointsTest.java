package dev.vigil.app;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** What an operator's probes and scrapers see. */
@QuarkusTest
class OperationsEndpointsTest {

    @Test
    void healthIsUpOnceTheRoutesAndDatabaseAre() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void prometheusShowsVigilsOwnMetersAndCamelRoutes() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("vigil_detector_series{detector=\"metric-baseline\""))
                .body(containsString("vigil_windows_late_events"))
                .body(containsString("routeId=\"source-kafka\""));
    }
}

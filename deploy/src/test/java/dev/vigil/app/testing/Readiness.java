package dev.vigil.app.testing;

import java.util.Map;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;

/** {@code /q/health/ready} as an orchestrator reads it: the HTTP status and each check by name. */
public record Readiness(int httpStatus, JsonPath body) {

    public static Readiness now() {
        Response response = given().get("/q/health/ready");
        return new Readiness(response.statusCode(), response.jsonPath());
    }

    /** The status of the named check ({@code UP}, {@code DOWN}), null when there is no such check. */
    public String check(String name) {
        return body.getString("checks.find { it.name == '" + name + "' }.status");
    }

    /** The data of the named check. */
    public Map<String, Object> data(String name) {
        return body.getMap("checks.find { it.name == '" + name + "' }.data");
    }
}

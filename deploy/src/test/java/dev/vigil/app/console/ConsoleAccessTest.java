package dev.vigil.app.console;

import java.time.Instant;

import dev.vigil.alerting.silence.Silence;
import dev.vigil.alerting.silence.Silences;
import dev.vigil.app.testing.ConsoleSession;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

/**
 * Who gets into the console and what a session may do: form login against the configured users (bcrypt and plain) or
 * an API key, the session cookie's flags, /api with the session and its CSRF token, logout.
 */
@QuarkusTest
class ConsoleAccessTest {

    @Inject
    Silences silences;

    private static String silenceBody(String comment) {
        return "{\"matchers\":[\"entity=\\\"pump-9\\\"\"],\"comment\":\"" + comment + "\",\"endsAt\":\""
                + Instant.now().plusSeconds(600) + "\"}";
    }

    private Silence stored(String id) {
        return silences.list().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void pagesNeedALoginWhichTheLoginPageOffers() {
        given().redirects().follow(false).get("/console/sources").then().statusCode(302)
                .header("Location", endsWith("/console/login"));
        given().redirects().follow(false).get("/console/").then().statusCode(302);
        given().get("/console/login").then().statusCode(200)
                .body(containsString("action=\"/j_security_check\""))
                .body(matchesPattern("(?s).*<script [^>]*src=\"/static/bundle/main-[^\"]+\\.js\".*"));
    }

    @Test
    void aConfiguredUserLogsInWithAnHttpOnlyStrictSessionCookieAndAWrongPasswordDoesNot() {
        Response alice = ConsoleSession.postLogin("alice", "alice-secret"); // a bcrypt hash (htpasswd $2y$)
        assertThat(alice.getStatusCode()).isEqualTo(302);
        String setCookie = alice.getHeaders().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(ConsoleSession.COOKIE + "=")).findFirst().orElseThrow();
        assertThat(setCookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict")
                .contains("Path=/");
        assertThat(ConsoleSession.login("bob", "bob-secret").user()).isEqualTo("bob"); // a plain secret

        Response wrong = ConsoleSession.postLogin("alice", "alice-secreT");
        assertThat(wrong.getCookie(ConsoleSession.COOKIE)).isNull();
        assertThat(wrong.getHeader("Location")).endsWith("/console/login?failed=true");
        assertThat(ConsoleSession.postLogin("mallory", "alice-secret").getCookie(ConsoleSession.COOKIE)).isNull();
        assertThat(ConsoleSession.postLogin("ops", "test-ci-key").getCookie(ConsoleSession.COOKIE))
                .as("an API key logs in only under its own name").isNull();
        given().get("/console/login?failed=true").then().body(containsString("Unknown user or wrong password"));
    }

    @Test
    void anApiKeyLogsInUnderItsNameAndThePagesShowTheUser() {
        ConsoleSession ops = ConsoleSession.login("ops", "test-ops-key");
        ops.request().get("/console/silences").then().statusCode(200)
                .body(containsString("<span id=\"user\">ops</span>"))
                .body(containsString("href=\"/console/alerts\""));
        ops.request().get("/console/alerts").then().statusCode(200).body(containsString("<table class=\"grid\" id=\"alerts\">"));
        ops.request().get("/console/detectors").then().statusCode(200).body(containsString("<table class=\"grid\" id=\"detectors\">"));
    }

    @Test
    void theSessionCallsTheApiAndWhatItChangesNeedsItsCsrfTokenAndRecordsTheUser() {
        ConsoleSession alice = ConsoleSession.login("alice", "alice-secret");
        alice.request().get("/api/silences").then().statusCode(200);
        alice.request().get("/api/sources").then().statusCode(200);

        int before = silences.list().size();
        alice.request().contentType("application/json").body(silenceBody("no token")).post("/api/silences")
                .then().statusCode(403).body("reason", containsString("CSRF"));
        alice.request().header("X-Vigil-Csrf", "0".repeat(64)).contentType("application/json")
                .body(silenceBody("wrong token")).post("/api/silences").then().statusCode(403);
        ConsoleSession bob = ConsoleSession.login("bob", "bob-secret");
        alice.request().header("X-Vigil-Csrf", bob.csrf()).contentType("application/json")
                .body(silenceBody("bob's token")).post("/api/silences").then().statusCode(403);
        assertThat(silences.list()).as("a refused request stores nothing").hasSize(before);

        String id = alice.withCsrf().contentType("application/json").body(silenceBody("pump swap"))
                .post("/api/silences").then().statusCode(201).body("creator", equalTo("alice")).extract().path("id");
        assertThat(stored(id).creator()).isEqualTo("alice");
        alice.request().delete("/api/silences/{id}", id).then().statusCode(403);
        alice.withCsrf().delete("/api/silences/{id}", id).then().statusCode(200).body("expiredBy", equalTo("alice"));
        assertThat(stored(id).expiredBy()).isEqualTo("alice");
    }

    @Test
    void anApiKeyIsWhatCountsWhenSentAndNeedsNoCsrfToken() {
        ConsoleSession alice = ConsoleSession.login("alice", "alice-secret");
        String id = alice.request().header("X-Vigil-Api-Key", "test-ci-key").contentType("application/json")
                .body(silenceBody("by key")).post("/api/silences").then().statusCode(201)
                .body("creator", equalTo("ci")).extract().path("id");
        alice.request().header("X-Vigil-Api-Key", "wrong").delete("/api/silences/{id}", id).then().statusCode(401);
        given().header("X-Vigil-Api-Key", "test-ops-key").delete("/api/silences/{id}", id).then().statusCode(200)
                .body("expiredBy", equalTo("ops"));
        given().cookie(ConsoleSession.COOKIE, "forged").get("/api/silences").then().statusCode(401);
    }

    @Test
    void logoutNeedsTheTokenAndEndsTheSession() {
        ConsoleSession bob = ConsoleSession.login("bob", "bob-secret");
        bob.request().contentType("application/x-www-form-urlencoded").formParam("csrf", "nope")
                .post("/console/logout").then().statusCode(403);
        Response out = bob.request().contentType("application/x-www-form-urlencoded").formParam("csrf", bob.csrf())
                .post("/console/logout");
        assertThat(out.getStatusCode()).isEqualTo(303);
        assertThat(out.getHeader("Location")).endsWith("/console/login");
        assertThat(out.getHeaders().getValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith(ConsoleSession.COOKIE + "=").containsIgnoringCase("Max-Age=0"));
    }

    @Test
    void theBundledScriptIsServedWithEcharts() {
        String login = given().get("/console/login").then().extract().asString();
        String script = login.replaceAll("(?s).*<script [^>]*src=\"(/static/bundle/main-[^\"]+\\.js)\".*", "$1");
        given().get(script).then().statusCode(200).contentType(containsString("javascript"))
                .body(containsString("echarts"));
    }
}

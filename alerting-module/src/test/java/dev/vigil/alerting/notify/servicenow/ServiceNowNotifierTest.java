package dev.vigil.alerting.notify.servicenow;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.vigil.alerting.notify.NotificationException;
import dev.vigil.alerting.notify.TestAlerts;
import dev.vigil.alerting.notify.template.NotificationTemplates;
import dev.vigil.contracts.Severity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

class ServiceNowNotifierTest {

    private static final String USER = "vigil.integration";
    private static final String PASSWORD = "pa55-w0rd";
    private static final String SYS_ID = "9d385017c611228701d22104cc95c371";
    private static final String TABLE = "/api/now/table/incident";
    private static final String OPEN_QUERY = "correlation_id=" + TestAlerts.FINGERPRINT + "^stateNOT IN6,7,8";
    private static final String NEWEST_QUERY = "correlation_id=" + TestAlerts.FINGERPRINT + "^ORDERBYDESCsys_created_on";
    private static final String NOT_AUTHENTICATED = "{\"error\":{\"message\":\"User Not Authenticated\","
            + "\"detail\":\"Required to provide Auth information\"},\"status\":\"failure\"}";

    private static WireMockServer servicenow;
    private ServiceNowNotifier notifier;

    @BeforeAll
    static void start() {
        servicenow = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        servicenow.start();
    }

    @AfterAll
    static void stop() {
        servicenow.stop();
    }

    @BeforeEach
    void reset() {
        servicenow.resetAll();
        notifier = new ServiceNowNotifier(Optional.of(URI.create(servicenow.baseUrl() + "/")), Optional.of(USER),
                Optional.of(PASSWORD), "Solution provided", new ObjectMapper(), NotificationTemplates.shipped());
    }

    private static MappingBuilder lookup(String query) {
        return get(urlPathEqualTo(TABLE)).withQueryParam("sysparm_query", equalTo(query))
                .withQueryParam("sysparm_limit", equalTo("1")).withBasicAuth(USER, PASSWORD);
    }

    private static String result(String state) {
        return "{\"result\":[{\"sys_id\":\"" + SYS_ID + "\",\"number\":\"INC0010023\",\"state\":\"" + state + "\"}]}";
    }

    private void found(String query, String body) {
        servicenow.stubFor(lookup(query).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json;charset=UTF-8").withBody(body)));
    }

    private void created() {
        servicenow.stubFor(post(urlEqualTo(TABLE)).withBasicAuth(USER, PASSWORD).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json;charset=UTF-8")
                .withHeader("Location", servicenow.baseUrl() + TABLE + "/" + SYS_ID)
                .withBody("{\"result\":{\"sys_id\":\"" + SYS_ID + "\",\"number\":\"INC0010023\",\"state\":\"1\","
                        + "\"correlation_id\":\"" + TestAlerts.FINGERPRINT + "\"}}")));
    }

    @Test
    void firingLooksUpOpenIncidentsByCorrelationIdThenCreatesOne() throws Exception {
        found(OPEN_QUERY, "{\"result\":[]}");
        created();

        notifier.send(TestAlerts.delivery(TestAlerts.firing()));

        servicenow.verify(1, getRequestedFor(urlPathEqualTo(TABLE))
                .withQueryParam("sysparm_query", equalTo(OPEN_QUERY)));
        servicenow.verify(1, postRequestedFor(urlEqualTo(TABLE))
                .withBasicAuth(new com.github.tomakehurst.wiremock.client.BasicCredentials(USER, PASSWORD))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(matchingJsonPath("$.short_description",
                        equalTo("[vigil] CRITICAL temperature{device=boiler-2,site=plant-1} (metric-baseline)")))
                .withRequestBody(matchingJsonPath("$.description", containing("mean observed 77.05 vs expected 68.05")))
                .withRequestBody(matchingJsonPath("$.description", containing("Alert id: " + TestAlerts.ID)))
                .withRequestBody(matchingJsonPath("$.urgency", equalTo("1")))
                .withRequestBody(matchingJsonPath("$.impact", equalTo("1")))
                .withRequestBody(matchingJsonPath("$.correlation_id", equalTo(TestAlerts.FINGERPRINT))));
    }

    @Test
    void warningIsMediumUrgencyAndImpact() throws Exception {
        found(OPEN_QUERY, "{\"result\":[]}");
        created();

        notifier.send(TestAlerts.delivery(TestAlerts.firing(Severity.WARNING, "cpu", "cpu high")));

        servicenow.verify(postRequestedFor(urlEqualTo(TABLE))
                .withRequestBody(matchingJsonPath("$.urgency", equalTo("2")))
                .withRequestBody(matchingJsonPath("$.impact", equalTo("2"))));
    }

    @Test
    void aRetryAfterALostAnswerFindsTheIncidentAndCreatesNoSecond() throws Exception {
        found(OPEN_QUERY, "{\"result\":[{\"sys_id\":\"" + SYS_ID + "\",\"number\":\"INC0010023\",\"state\":\"1\",\"urgency\":\"1\"}]}");
        created();

        assertThat(notifier.send(TestAlerts.delivery(TestAlerts.firing()))).contains("INC0010023");

        servicenow.verify(0, postRequestedFor(anyUrl()));
        servicenow.verify(0, patchRequestedFor(anyUrl()));
    }

    @Test
    void anUpgradeRaisesTheOpenIncidentsUrgencyWithAWorkNoteNamingTheNotification() throws Exception {
        found(OPEN_QUERY, "{\"result\":[{\"sys_id\":\"" + SYS_ID + "\",\"number\":\"INC0010023\",\"state\":\"2\",\"urgency\":\"2\"}]}");
        servicenow.stubFor(patch(urlEqualTo(TABLE + "/" + SYS_ID)).withBasicAuth(USER, PASSWORD)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"result\":{\"sys_id\":\"" + SYS_ID + "\",\"urgency\":\"1\"}}")));

        assertThat(notifier.send(TestAlerts.delivery(TestAlerts.firing()))).contains("INC0010023");

        servicenow.verify(0, postRequestedFor(anyUrl()));
        servicenow.verify(1, patchRequestedFor(urlEqualTo(TABLE + "/" + SYS_ID))
                .withRequestBody(matchingJsonPath("$.urgency", equalTo("1")))
                .withRequestBody(matchingJsonPath("$.impact", equalTo("1")))
                .withRequestBody(matchingJsonPath("$.work_notes", containing(TestAlerts.FINGERPRINT + ":firing:1"))));
    }

    @Test
    void theDescriptionCarriesTheEvidenceAndTheAnswerIsTheIncidentNumber() throws Exception {
        found(OPEN_QUERY, "{\"result\":[]}");
        created();

        assertThat(notifier.send(TestAlerts.delivery(TestAlerts.withEvidence()))).contains("INC0010023");

        servicenow.verify(1, postRequestedFor(urlEqualTo(TABLE))
                .withRequestBody(matchingJsonPath("$.description", containing("Evidence:\n- " + TestAlerts.EVIDENCE.get(0)))));
    }

    @Test
    void resolvedPatchesTheIncidentToResolvedWithCloseCodeAndNotes() throws Exception {
        found(NEWEST_QUERY, result("2"));
        servicenow.stubFor(patch(urlEqualTo(TABLE + "/" + SYS_ID)).withBasicAuth(USER, PASSWORD)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"result\":{\"sys_id\":\"" + SYS_ID + "\",\"state\":\"6\"}}")));

        notifier.send(TestAlerts.delivery(TestAlerts.resolved()));

        servicenow.verify(1, patchRequestedFor(urlEqualTo(TABLE + "/" + SYS_ID))
                .withRequestBody(matchingJsonPath("$.state", equalTo("6")))
                .withRequestBody(matchingJsonPath("$.close_code", equalTo("Solution provided")))
                .withRequestBody(matchingJsonPath("$.close_notes", containing("Back to normal")))
                .withRequestBody(matchingJsonPath("$.close_notes", containing(TestAlerts.ID))));
    }

    @Test
    void resolvedOnAnAlreadyResolvedIncidentChangesNothing() throws Exception {
        found(NEWEST_QUERY, result("6"));

        notifier.send(TestAlerts.delivery(TestAlerts.resolved()));

        servicenow.verify(0, patchRequestedFor(anyUrl()));
    }

    @Test
    void resolvedWithoutAnyIncidentIsPermanent() {
        found(NEWEST_QUERY, "{\"result\":[]}");

        assertThatThrownBy(() -> notifier.send(TestAlerts.delivery(TestAlerts.resolved())))
                .asInstanceOf(type(NotificationException.class))
                .satisfies(e -> assertThat(e.retryable()).isFalse());
    }

    @Test
    void wrongCredentialsArePermanentAndThePasswordIsNeverShown() {
        servicenow.stubFor(get(urlPathEqualTo(TABLE)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody(NOT_AUTHENTICATED)));

        assertThatThrownBy(() -> notifier.send(TestAlerts.delivery(TestAlerts.firing())))
                .asInstanceOf(type(NotificationException.class))
                .satisfies(e -> assertThat(e.retryable()).isFalse())
                .satisfies(e -> assertThat(e.getMessage()).contains("401").contains("User Not Authenticated")
                        .doesNotContain(PASSWORD));
        servicenow.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void rateLimitIsRetryableAfterTheAskedDelay() {
        servicenow.stubFor(get(urlPathEqualTo(TABLE)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "12")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Rate limit exceeded\",\"detail\":null},\"status\":\"failure\"}")));

        assertThatThrownBy(() -> notifier.send(TestAlerts.delivery(TestAlerts.firing())))
                .asInstanceOf(type(NotificationException.class))
                .satisfies(e -> assertThat(e.retryable()).isTrue())
                .satisfies(e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(12)));
    }

    @Test
    void serverErrorOnCreateIsRetryable() {
        found(OPEN_QUERY, "{\"result\":[]}");
        servicenow.stubFor(post(urlEqualTo(TABLE)).willReturn(aResponse().withStatus(500)
                .withBody("{\"error\":{\"message\":\"Internal error\",\"detail\":\"\"},\"status\":\"failure\"}")));

        assertThatThrownBy(() -> notifier.send(TestAlerts.delivery(TestAlerts.firing())))
                .asInstanceOf(type(NotificationException.class))
                .satisfies(e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void forbiddenCreateIsPermanent() {
        found(OPEN_QUERY, "{\"result\":[]}");
        servicenow.stubFor(post(urlEqualTo(TABLE)).willReturn(aResponse().withStatus(403).withBody(
                "{\"error\":{\"message\":\"Operation Failed\",\"detail\":\"ACL Exception Insert Failed due to security constraints\"},\"status\":\"failure\"}")));

        assertThatThrownBy(() -> notifier.send(TestAlerts.delivery(TestAlerts.firing())))
                .asInstanceOf(type(NotificationException.class))
                .satisfies(e -> assertThat(e.retryable()).isFalse())
                .satisfies(e -> assertThat(e.getMessage()).contains("ACL Exception"));
    }

    @Test
    void eachMissingKeyIsNamed() {
        ObjectMapper json = new ObjectMapper();
        assertThat(new ServiceNowNotifier(Optional.empty(), Optional.of(USER), Optional.of(PASSWORD), "x", json, NotificationTemplates.shipped())
                .misconfiguration()).hasValueSatisfying(m -> assertThat(m).contains("vigil.notify.servicenow.instance-url"));
        assertThat(new ServiceNowNotifier(Optional.of(URI.create("https://x.service-now.com")), Optional.empty(),
                Optional.of(PASSWORD), "x", json, NotificationTemplates.shipped()).misconfiguration())
                .hasValueSatisfying(m -> assertThat(m).contains("vigil.notify.servicenow.username"));
        assertThat(new ServiceNowNotifier(Optional.of(URI.create("https://x.service-now.com")), Optional.of(USER),
                Optional.empty(), "x", json, NotificationTemplates.shipped()).misconfiguration())
                .hasValueSatisfying(m -> assertThat(m).contains("vigil.notify.servicenow.password"));
        assertThat(notifier.misconfiguration()).isEmpty();
        servicenow.verify(0, anyRequestedFor(anyUrl()));
    }
}

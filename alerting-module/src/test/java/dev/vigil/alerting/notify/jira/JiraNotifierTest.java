package dev.vigil.alerting.notify.jira;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import dev.vigil.alerting.notify.NotificationException;
import dev.vigil.alerting.notify.TestAlerts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

class JiraNotifierTest {

    private static final String EMAIL = "ops-bot@example.com";
    private static final String TOKEN = "ATATT3xFfGF0-api-token";
    private static final String LABEL = "vigil-" + TestAlerts.FINGERPRINT;
    private static final String OPEN_JQL = "project = \"OPS\" AND labels = \"" + LABEL
            + "\" AND statusCategory != Done ORDER BY created DESC";
    private static final String ANY_JQL = "project = \"OPS\" AND labels = \"" + LABEL + "\" ORDER BY created DESC";
    private static final String SEARCH = "/rest/api/3/search/jql";
    private static final String NONE = "{\"issues\":[],\"isLast\":true}";

    private static WireMockServer jira;

    @BeforeAll
    static void start() {
        jira = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        jira.start();
    }

    @AfterAll
    static void stop() {
        jira.stop();
    }

    @BeforeEach
    void reset() {
        jira.resetAll();
    }

    private JiraNotifier notifier(Optional<String> transition) {
        return new JiraNotifier(Optional.of(URI.create(jira.baseUrl())), Optional.of(EMAIL), Optional.of(TOKEN),
                Optional.of("OPS"), "Task", transition, new ObjectMapper());
    }

    private static String issue(String category) {
        return "{\"issues\":[{\"id\":\"10042\",\"key\":\"OPS-42\",\"self\":\"https://example.atlassian.net/rest/api/3/issue/10042\","
                + "\"fields\":{\"status\":{\"name\":\"In Progress\",\"statusCategory\":{\"id\":4,\"key\":\"" + category
                + "\",\"name\":\"In Progress\"}}}}],\"isLast\":true}";
    }

    private void searchAnswers(String jql, String body) {
        jira.stubFor(get(urlPathEqualTo(SEARCH)).withQueryParam("jql", equalTo(jql)).withBasicAuth(EMAIL, TOKEN)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
    }

    private void creates() {
        jira.stubFor(post(urlEqualTo("/rest/api/3/issue")).withBasicAuth(EMAIL, TOKEN).willReturn(aResponse()
                .withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"10042\",\"key\":\"OPS-42\",\"self\":\"https://example.atlassian.net/rest/api/3/issue/10042\"}")));
    }

    private void comments(String body) {
        jira.stubFor(get(urlPathEqualTo("/rest/api/3/issue/OPS-42/comment")).withBasicAuth(EMAIL, TOKEN)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
        jira.stubFor(post(urlEqualTo("/rest/api/3/issue/OPS-42/comment")).withBasicAuth(EMAIL, TOKEN)
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"10100\",\"body\":{\"type\":\"doc\",\"version\":1,\"content\":[]}}")));
    }

    @Test
    void firingSearchesByTheFingerprintLabelThenCreatesTheIssue() throws Exception {
        searchAnswers(OPEN_JQL, NONE);
        creates();

        notifier(Optional.empty()).send(TestAlerts.firing());

        jira.verify(1, getRequestedFor(urlPathEqualTo(SEARCH)).withQueryParam("jql", equalTo(OPEN_JQL))
                .withBasicAuth(new BasicCredentials(EMAIL, TOKEN)));
        jira.verify(1, postRequestedFor(urlEqualTo("/rest/api/3/issue"))
                .withBasicAuth(new BasicCredentials(EMAIL, TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(matchingJsonPath("$.fields.project.key", equalTo("OPS")))
                .withRequestBody(matchingJsonPath("$.fields.issuetype.name", equalTo("Task")))
                .withRequestBody(matchingJsonPath("$.fields.summary", equalTo("[vigil:" + TestAlerts.ID
                        + "] CRITICAL temperature{device=boiler-2,site=plant-1} (metric-baseline)")))
                .withRequestBody(matchingJsonPath("$.fields.labels[0]", equalTo("vigil")))
                .withRequestBody(matchingJsonPath("$.fields.labels[1]", equalTo(LABEL)))
                .withRequestBody(matchingJsonPath("$.fields.description.type", equalTo("doc")))
                .withRequestBody(matchingJsonPath("$.fields.description.version", equalTo("1")))
                .withRequestBody(matchingJsonPath("$.fields.description.content[0].content[0].text",
                        equalTo("mean observed 77.05 vs expected 68.05: 73.6σ above (robust z, limit 3.5σ)")))
                .withRequestBody(matchingJsonPath("$.fields.description.content[1].type", equalTo("table")))
                .withRequestBody(matchingJsonPath(
                        "$.fields.description.content[1].content[5].content[1].content[0].content[0].text", equalTo("77.05")))
                .withRequestBody(matchingJsonPath("$.fields.description.content[3].type", equalTo("bulletList"))));
    }

    @Test
    void aRetryAfterALostAnswerFindsTheOpenIssueAndCreatesNoSecond() throws Exception {
        searchAnswers(OPEN_JQL, issue("indeterminate"));
        creates();

        notifier(Optional.empty()).send(TestAlerts.firing());

        jira.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void resolvedCommentsOnTheIssueWithTheAlertToken() throws Exception {
        searchAnswers(ANY_JQL, issue("indeterminate"));
        comments("{\"startAt\":0,\"maxResults\":50,\"total\":0,\"comments\":[]}");

        notifier(Optional.empty()).send(TestAlerts.resolved());

        jira.verify(1, postRequestedFor(urlEqualTo("/rest/api/3/issue/OPS-42/comment"))
                .withBasicAuth(new BasicCredentials(EMAIL, TOKEN))
                .withRequestBody(matchingJsonPath("$.body.type", equalTo("doc")))
                .withRequestBody(matchingJsonPath("$.body.content[0].content[0].text",
                        containing("[vigil:" + TestAlerts.ID + "] resolved"))));
        jira.verify(0, postRequestedFor(urlPathEqualTo("/rest/api/3/issue/OPS-42/transitions")));
    }

    @Test
    void aRetriedResolveDoesNotCommentTwice() throws Exception {
        searchAnswers(ANY_JQL, issue("indeterminate"));
        comments("{\"startAt\":0,\"maxResults\":50,\"total\":1,\"comments\":[{\"id\":\"10100\",\"body\":{\"type\":\"doc\","
                + "\"version\":1,\"content\":[{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"[vigil:"
                + TestAlerts.ID + "] resolved: Back to normal\"}]}]}}]}");

        notifier(Optional.empty()).send(TestAlerts.resolved());

        jira.verify(0, postRequestedFor(urlEqualTo("/rest/api/3/issue/OPS-42/comment")));
    }

    @Test
    void resolvedTransitionsByIdWhenConfigured() throws Exception {
        searchAnswers(ANY_JQL, issue("indeterminate"));
        comments("{\"comments\":[]}");
        jira.stubFor(post(urlEqualTo("/rest/api/3/issue/OPS-42/transitions")).willReturn(aResponse().withStatus(204)));

        notifier(Optional.of("31")).send(TestAlerts.resolved());

        jira.verify(1, postRequestedFor(urlEqualTo("/rest/api/3/issue/OPS-42/transitions"))
                .withRequestBody(matchingJsonPath("$.transition.id", equalTo("31"))));
    }

    @Test
    void resolvedTransitionsByNameLookedUpInTheIssuesTransitions() throws Exception {
        searchAnswers(ANY_JQL, issue("indeterminate"));
        comments("{\"comments\":[]}");
        jira.stubFor(get(urlEqualTo("/rest/api/3/issue/OPS-42/transitions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"expand\":\"transitions\",\"transitions\":[{\"id\":\"21\",\"name\":\"In Progress\"},"
                        + "{\"id\":\"41\",\"name\":\"Done\",\"to\":{\"name\":\"Done\"}}]}")));
        jira.stubFor(post(urlEqualTo("/rest/api/3/issue/OPS-42/transitions")).willReturn(aResponse().withStatus(204)));

        notifier(Optional.of("done")).send(TestAlerts.resolved());

        jira.verify(1, postRequestedFor(urlEqualTo("/rest/api/3/issue/OPS-42/transitions"))
                .withRequestBody(matchingJsonPath("$.transition.id", equalTo("41"))));
    }

    @Test
    void anUnknownTransitionNameIsPermanentAndListsTheAvailableOnes() {
        searchAnswers(ANY_JQL, issue("indeterminate"));
        comments("{\"comments\":[]}");
        jira.stubFor(get(urlEqualTo("/rest/api/3/issue/OPS-42/transitions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"transitions\":[{\"id\":\"21\",\"name\":\"In Progress\"}]}")));

        assertThatThrownBy(() -> notifier(Optional.of("Closed")).send(TestAlerts.resolved()))
                .asInstanceOf(type(NotificationException.class))
                .satisfies(e -> assertThat(e.retryable()).isFalse())
                .satisfies(e -> assertThat(e.getMessage()).contains("Closed").contains("In Progress"));
    }

    @Test
    void anIssueAlreadyDoneIsNotTransitionedAgain() throws Exception {
        searchAnswers(ANY_JQL, issue("done"));
        comments("{\"comments\":[]}");

        notifier(Optional.of("31")).send(TestAlerts.resolved());

        jira.verify(0, postRequestedFor(urlPathEqualTo("/rest/api/3/issue/OPS-42/transitions")));
    }

    @Test
    void invalidFieldsArePermanentWithJirasErrors() {
        searchAnswers(OPEN_JQL, NONE);
        jira.stubFor(post(urlEqualTo("/rest/api/3/issue")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errorMessages\":[],\"errors\":{\"issuetype\":\"Specify an issue type\"}}")));

        assertThatThrownBy(() -> notifier(Optional.empty()).send(TestAlerts.firing()))
                .asInstanceOf(type(NotificationException.class))
                .satisfies(e -> assertThat(e.retryable()).isFalse())
                .satisfies(e -> assertThat(e.getMessage()).contains("400").contains("Specify an issue type")
                        .doesNotContain(TOKEN));
    }

    @Test
    void unauthorisedIsPermanent() {
        jira.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errorMessages\":[\"You are not authorized to perform this operation. Please log in.\"],\"errors\":{}}")));

        assertThatThrownBy(() -> notifier(Optional.empty()).send(TestAlerts.firing()))
                .asInstanceOf(type(NotificationException.class))
                .satisfies(e -> assertThat(e.retryable()).isFalse());
        jira.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void rateLimitIsRetryableAfterTheAskedDelay() {
        jira.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "5")
                .withHeader("Content-Type", "application/json").withBody("{\"errorMessages\":[\"Rate limit exceeded.\"]}")));

        assertThatThrownBy(() -> notifier(Optional.empty()).send(TestAlerts.firing()))
                .asInstanceOf(type(NotificationException.class))
                .satisfies(e -> assertThat(e.retryable()).isTrue())
                .satisfies(e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(5)));
    }

    @Test
    void serviceUnavailableIsRetryable() {
        searchAnswers(OPEN_JQL, NONE);
        jira.stubFor(post(urlEqualTo("/rest/api/3/issue")).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> notifier(Optional.empty()).send(TestAlerts.firing()))
                .asInstanceOf(type(NotificationException.class))
                .satisfies(e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void resolvedWithoutAnIssueIsPermanent() {
        searchAnswers(ANY_JQL, NONE);

        assertThatThrownBy(() -> notifier(Optional.empty()).send(TestAlerts.resolved()))
                .asInstanceOf(type(NotificationException.class))
                .satisfies(e -> assertThat(e.retryable()).isFalse())
                .satisfies(e -> assertThat(e.getMessage()).contains(LABEL));
    }

    @Test
    void eachMissingKeyIsNamed() {
        ObjectMapper json = new ObjectMapper();
        Optional<URI> url = Optional.of(URI.create("https://example.atlassian.net"));
        assertThat(new JiraNotifier(Optional.empty(), Optional.of(EMAIL), Optional.of(TOKEN), Optional.of("OPS"), "Task",
                Optional.empty(), json).misconfiguration()).hasValueSatisfying(m -> assertThat(m).contains("vigil.notify.jira.url"));
        assertThat(new JiraNotifier(url, Optional.empty(), Optional.of(TOKEN), Optional.of("OPS"), "Task",
                Optional.empty(), json).misconfiguration()).hasValueSatisfying(m -> assertThat(m).contains("vigil.notify.jira.email"));
        assertThat(new JiraNotifier(url, Optional.of(EMAIL), Optional.empty(), Optional.of("OPS"), "Task",
                Optional.empty(), json).misconfiguration()).hasValueSatisfying(m -> assertThat(m).contains("vigil.notify.jira.api-token"));
        assertThat(new JiraNotifier(url, Optional.of(EMAIL), Optional.of(TOKEN), Optional.empty(), "Task",
                Optional.empty(), json).misconfiguration()).hasValueSatisfying(m -> assertThat(m).contains("vigil.notify.jira.project-key"));
    }

    @Test
    void jqlLiteralsEscapeQuotesAndBackslashes() {
        assertThat(JiraNotifier.quoted("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    }
}

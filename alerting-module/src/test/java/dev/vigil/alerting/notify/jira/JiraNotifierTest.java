package dev.vigil.alerting.notify.jira;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import dev.vigil.alerting.notify.Delivery;
import dev.vigil.alerting.notify.NotificationException;
import dev.vigil.alerting.notify.TestAlerts;
import dev.vigil.alerting.notify.template.NotificationTemplates;
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
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/** Against a WireMock stub answering as Jira's REST API v2 does (Cloud, and Data Center for the search). */
class JiraNotifierTest {

    private static final String EMAIL = "ops-bot@example.com";
    private static final String TOKEN = "ATATT3xFfGF0-api-token";
    private static final String LABEL = "vigil-" + TestAlerts.FINGERPRINT;
    private static final String OPEN_JQL = "project = \"OPS\" AND labels = \"" + LABEL
            + "\" AND statusCategory != Done ORDER BY created DESC";
    private static final String ANY_JQL = "project = \"OPS\" AND labels = \"" + LABEL + "\" ORDER BY created DESC";
    private static final String SEARCH = "/rest/api/2/search/jql";
    private static final String ISSUE = "/rest/api/2/issue";
    private static final String COMMENTS = "/rest/api/2/issue/OPS-42/comment";
    private static final String TRANSITIONS = "/rest/api/2/issue/OPS-42/transitions";
    private static final String NONE = "{\"issues\":[],\"isLast\":true}";
    private static final Delivery FIRING = TestAlerts.delivery(TestAlerts.firing());
    private static final Delivery RESOLVED = TestAlerts.delivery(TestAlerts.resolved());

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
        return notifier(transition, "CRITICAL:Highest,WARNING:Medium");
    }

    private JiraNotifier notifier(Optional<String> transition, String priorities) {
        return new JiraNotifier(Optional.of(URI.create(jira.baseUrl())), Optional.of(EMAIL), Optional.of(TOKEN),
                Optional.of("OPS"), "Task", transition, priorities, new ObjectMapper(), NotificationTemplates.shipped());
    }

    /** One issue as the search answers it, with the fields asked for (status, description). */
    private static String issue(String category, String description) {
        return "{\"issues\":[{\"expand\":\"\",\"id\":\"10042\",\"key\":\"OPS-42\",\"self\":\"https://example.atlassian.net/rest/api/2/issue/10042\","
                + "\"fields\":{\"description\":" + new ObjectMapper().valueToTree(description) + ",\"status\":{\"name\":\"In Progress\","
                + "\"statusCategory\":{\"id\":4,\"key\":\"" + category + "\",\"name\":\"In Progress\"}}}}],\"isLast\":true}";
    }

    private static String issue(String category) {
        return issue(category, "{noformat}\nsomething else\n{noformat}");
    }

    private void searchAnswers(String path, String jql, String body) {
        jira.stubFor(get(urlPathEqualTo(path)).withQueryParam("jql", equalTo(jql))
                .withQueryParam("fields", equalTo("status,description")).withQueryParam("maxResults", equalTo("1"))
                .withBasicAuth(EMAIL, TOKEN)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
    }

    private void searchAnswers(String jql, String body) {
        searchAnswers(SEARCH, jql, body);
    }

    private void creates() {
        jira.stubFor(post(urlEqualTo(ISSUE)).withBasicAuth(EMAIL, TOKEN).willReturn(aResponse()
                .withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"10042\",\"key\":\"OPS-42\",\"self\":\"https://example.atlassian.net/rest/api/2/issue/10042\"}")));
    }

    private void comments(String body) {
        jira.stubFor(get(urlPathEqualTo(COMMENTS)).withBasicAuth(EMAIL, TOKEN)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
        jira.stubFor(post(urlEqualTo(COMMENTS)).withBasicAuth(EMAIL, TOKEN)
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"10100\",\"body\":\"…\",\"created\":\"2024-06-01T08:20:05.000+0000\"}")));
    }

    private static String commentsWith(String body) {
        return "{\"startAt\":0,\"maxResults\":50,\"total\":1,\"comments\":[{\"id\":\"10100\",\"body\":"
                + new ObjectMapper().valueToTree(body) + "}]}";
    }

    private void issueReads(String category) {
        jira.stubFor(get(urlPathEqualTo("/rest/api/2/issue/OPS-42")).withQueryParam("fields", equalTo("status"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"10042\",\"key\":\"OPS-42\",\"fields\":{\"status\":{\"name\":\"x\","
                                + "\"statusCategory\":{\"key\":\"" + category + "\"}}}}")));
    }

    @Test
    void firingSearchesByTheFingerprintLabelThenCreatesTheIssueInV2Shape() throws Exception {
        searchAnswers(OPEN_JQL, NONE);
        creates();

        Optional<String> key = notifier(Optional.empty()).send(TestAlerts.delivery(TestAlerts.withEvidence()));

        assertThat(key).contains("OPS-42");
        jira.verify(1, getRequestedFor(urlPathEqualTo(SEARCH)).withQueryParam("jql", equalTo(OPEN_JQL))
                .withBasicAuth(new BasicCredentials(EMAIL, TOKEN)));
        jira.verify(1, postRequestedFor(urlEqualTo(ISSUE))
                .withBasicAuth(new BasicCredentials(EMAIL, TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(matchingJsonPath("$.fields.project.key", equalTo("OPS")))
                .withRequestBody(matchingJsonPath("$.fields.issuetype.name", equalTo("Task")))
                .withRequestBody(matchingJsonPath("$.fields.priority.name", equalTo("Highest")))
                .withRequestBody(matchingJsonPath("$.fields.summary", equalTo("[vigil:" + TestAlerts.ID
                        + "] CRITICAL temperature{device=boiler-2,site=plant-1} (metric-baseline)")))
                .withRequestBody(matchingJsonPath("$.fields.labels[0]", equalTo("vigil")))
                .withRequestBody(matchingJsonPath("$.fields.labels[1]", equalTo(LABEL)))
                // plain text, shown literally whatever braces or brackets it holds
                .withRequestBody(matchingJsonPath("$.fields.description", containing("{noformat}\n"
                        + "mean observed 77.05 vs expected 68.05: 73.6σ above (robust z, limit 3.5σ)\n")))
                .withRequestBody(matchingJsonPath("$.fields.description", containing("Observed mean: 77.05\n")))
                .withRequestBody(matchingJsonPath("$.fields.description", containing("Evidence:\n- " + TestAlerts.EVIDENCE.get(0))))
                .withRequestBody(matchingJsonPath("$.fields.description",
                        containing("(vigil notification " + TestAlerts.FINGERPRINT + ":firing:1)\n{noformat}"))));
    }

    @Test
    void aRetryAfterALostAnswerFindsItsOwnIssueByTheKeyAndNeitherCreatesNorComments() throws Exception {
        searchAnswers(OPEN_JQL, issue("indeterminate", "{noformat}\n…\n" + JiraNotifier.marker(FIRING) + "\n{noformat}"));
        creates();
        comments("{\"comments\":[]}");

        assertThat(notifier(Optional.empty()).send(FIRING)).contains("OPS-42");

        jira.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void firingAgainWhileAnotherIssueIsOpenReusesItWithOneComment() throws Exception {
        searchAnswers(OPEN_JQL, issue("indeterminate"));
        creates();
        comments("{\"startAt\":0,\"maxResults\":50,\"total\":0,\"comments\":[]}");

        assertThat(notifier(Optional.empty()).send(FIRING)).contains("OPS-42");

        jira.verify(0, postRequestedFor(urlEqualTo(ISSUE)));
        jira.verify(1, postRequestedFor(urlEqualTo(COMMENTS))
                .withRequestBody(matchingJsonPath("$.body", containing("[vigil:" + TestAlerts.ID + "] firing again")))
                .withRequestBody(matchingJsonPath("$.body", containing(JiraNotifier.marker(FIRING)))));
    }

    @Test
    void anUpgradeCommentsOnTheRememberedIssueWithoutSearchingAndOnlyOncePerKey() throws Exception {
        comments("{\"comments\":[]}");
        Delivery upgrade = TestAlerts.delivery(TestAlerts.firing(), "OPS-42");

        assertThat(notifier(Optional.empty()).send(upgrade)).contains("OPS-42");
        jira.verify(0, getRequestedFor(urlPathEqualTo(SEARCH)));
        jira.verify(1, postRequestedFor(urlEqualTo(COMMENTS)));

        jira.resetAll();
        comments(commentsWith("{noformat}\n[vigil:x] firing again\n" + JiraNotifier.marker(upgrade) + "\n{noformat}"));
        notifier(Optional.empty()).send(upgrade);
        jira.verify(0, postRequestedFor(urlEqualTo(COMMENTS)));
    }

    @Test
    void resolvedCommentsOnTheRememberedIssueWithTheAlertToken() throws Exception {
        issueReads("indeterminate");
        comments("{\"startAt\":0,\"maxResults\":50,\"total\":0,\"comments\":[]}");

        Optional<String> key = notifier(Optional.empty()).send(TestAlerts.delivery(TestAlerts.resolved(), "OPS-42"));

        assertThat(key).contains("OPS-42");
        jira.verify(0, getRequestedFor(urlPathEqualTo(SEARCH)));
        jira.verify(1, postRequestedFor(urlEqualTo(COMMENTS))
                .withBasicAuth(new BasicCredentials(EMAIL, TOKEN))
                .withRequestBody(matchingJsonPath("$.body", containing("[vigil:" + TestAlerts.ID + "] resolved: Back to normal")))
                .withRequestBody(matchingJsonPath("$.body", containing("after PT17M"))));
        jira.verify(0, postRequestedFor(urlPathEqualTo(TRANSITIONS)));
    }

    @Test
    void resolvedWithoutARememberedIssueFindsItByTheLabel() throws Exception {
        searchAnswers(ANY_JQL, issue("indeterminate"));
        comments("{\"comments\":[]}");

        assertThat(notifier(Optional.empty()).send(RESOLVED)).contains("OPS-42");

        jira.verify(1, postRequestedFor(urlEqualTo(COMMENTS)));
    }

    @Test
    void aRetriedResolveDoesNotCommentTwice() throws Exception {
        searchAnswers(ANY_JQL, issue("indeterminate"));
        comments(commentsWith("{noformat}\n[vigil:" + TestAlerts.ID + "] resolved: Back to normal\n"
                + JiraNotifier.marker(RESOLVED) + "\n{noformat}"));

        notifier(Optional.empty()).send(RESOLVED);

        jira.verify(0, postRequestedFor(urlEqualTo(COMMENTS)));
    }

    @Test
    void resolvedTransitionsByIdWhenConfigured() throws Exception {
        searchAnswers(ANY_JQL, issue("indeterminate"));
        comments("{\"comments\":[]}");
        jira.stubFor(post(urlEqualTo(TRANSITIONS)).willReturn(aResponse().withStatus(204)));

        notifier(Optional.of("31")).send(RESOLVED);

        jira.verify(1, postRequestedFor(urlEqualTo(TRANSITIONS))
                .withRequestBody(matchingJsonPath("$.transition.id", equalTo("31"))));
    }

    @Test
    void resolvedTransitionsByNameLookedUpInTheIssuesTransitions() throws Exception {
        issueReads("indeterminate");
        comments("{\"comments\":[]}");
        jira.stubFor(get(urlEqualTo(TRANSITIONS)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"expand\":\"transitions\",\"transitions\":[{\"id\":\"21\",\"name\":\"In Progress\"},"
                        + "{\"id\":\"41\",\"name\":\"Done\",\"to\":{\"name\":\"Done\"}}]}")));
        jira.stubFor(post(urlEqualTo(TRANSITIONS)).willReturn(aResponse().withStatus(204)));

        notifier(Optional.of("done")).send(TestAlerts.delivery(TestAlerts.resolved(), "OPS-42"));

        jira.verify(1, postRequestedFor(urlEqualTo(TRANSITIONS))
                .withRequestBody(matchingJsonPath("$.transition.id", equalTo("41"))));
    }

    @Test
    void anUnknownTransitionNameIsPermanentAndListsTheAvailableOnes() {
        searchAnswers(ANY_JQL, issue("indeterminate"));
        comments("{\"comments\":[]}");
        jira.stubFor(get(urlEqualTo(TRANSITIONS)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"transitions\":[{\"id\":\"21\",\"name\":\"In Progress\"}]}")));

        assertThatThrownBy(() -> notifier(Optional.of("Closed")).send(RESOLVED))
                .asInstanceOf(type(NotificationException.class))
                .satisfies(e -> assertThat(e.retryable()).isFalse())
                .satisfies(e -> assertThat(e.getMessage()).contains("Closed").contains("In Progress"));
    }

    @Test
    void anIssueAlreadyDoneIsNotTransitionedAgain() throws Exception {
        searchAnswers(ANY_JQL, issue("done"));
        comments("{\"comments\":[]}");

        notifier(Optional.of("31")).send(RESOLVED);

        jira.verify(0, postRequestedFor(urlPathEqualTo(TRANSITIONS)));
    }

    @Test
    void jiraDataCenterWithoutTheJqlSearchIsSearchedTheOldWay() throws Exception {
        jira.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"null for uri\"}")));
        searchAnswers("/rest/api/2/search", OPEN_JQL, NONE);
        creates();

        JiraNotifier notifier = notifier(Optional.empty());
        assertThat(notifier.send(FIRING)).contains("OPS-42");
        notifier.send(FIRING);

        jira.verify(1, getRequestedFor(urlPathEqualTo(SEARCH)));
        jira.verify(2, getRequestedFor(urlPathEqualTo("/rest/api/2/search")));
    }

    @Test
    void withPrioritiesNoneTheFieldIsLeftOut() throws Exception {
        searchAnswers(OPEN_JQL, NONE);
        creates();

        notifier(Optional.empty(), "none").send(FIRING);

        jira.verify(1, postRequestedFor(urlEqualTo(ISSUE)).withRequestBody(notContaining("priority")));
    }

    @Test
    void invalidFieldsArePermanentWithJirasErrors() {
        searchAnswers(OPEN_JQL, NONE);
        jira.stubFor(post(urlEqualTo(ISSUE)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errorMessages\":[],\"errors\":{\"priority\":\"Field 'priority' cannot be set.\"}}")));

        assertThatThrownBy(() -> notifier(Optional.empty()).send(FIRING))
                .asInstanceOf(type(NotificationException.class))
                .satisfies(e -> assertThat(e.retryable()).isFalse())
                .satisfies(e -> assertThat(e.getMessage()).contains("400").contains("cannot be set")
                        .doesNotContain(TOKEN));
    }

    @Test
    void unauthorisedIsPermanent() {
        jira.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errorMessages\":[\"You are not authorized to perform this operation. Please log in.\"],\"errors\":{}}")));

        assertThatThrownBy(() -> notifier(Optional.empty()).send(FIRING))
                .asInstanceOf(type(NotificationException.class))
                .satisfies(e -> assertThat(e.retryable()).isFalse());
        jira.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void rateLimitIsRetryableAfterTheAskedDelay() {
        jira.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "5")
                .withHeader("Content-Type", "application/json").withBody("{\"errorMessages\":[\"Rate limit exceeded.\"]}")));

        assertThatThrownBy(() -> notifier(Optional.empty()).send(FIRING))
                .asInstanceOf(type(NotificationException.class))
                .satisfies(e -> assertThat(e.retryable()).isTrue())
                .satisfies(e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(5)));
    }

    @Test
    void serviceUnavailableIsRetryable() {
        searchAnswers(OPEN_JQL, NONE);
        jira.stubFor(post(urlEqualTo(ISSUE)).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> notifier(Optional.empty()).send(FIRING))
                .asInstanceOf(type(NotificationException.class))
                .satisfies(e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void resolvedWithoutAnIssueIsPermanent() {
        searchAnswers(ANY_JQL, NONE);

        assertThatThrownBy(() -> notifier(Optional.empty()).send(RESOLVED))
                .asInstanceOf(type(NotificationException.class))
                .satisfies(e -> assertThat(e.retryable()).isFalse())
                .satisfies(e -> assertThat(e.getMessage()).contains(LABEL));
    }

    @Test
    void eachMissingKeyAndABadPriorityListAreNamed() {
        ObjectMapper json = new ObjectMapper();
        Optional<URI> url = Optional.of(URI.create("https://example.atlassian.net"));
        String priorities = "CRITICAL:High,WARNING:Medium";
        assertThat(new JiraNotifier(Optional.empty(), Optional.of(EMAIL), Optional.of(TOKEN), Optional.of("OPS"), "Task",
                Optional.empty(), priorities, json, NotificationTemplates.shipped()).misconfiguration()).hasValueSatisfying(m -> assertThat(m).contains("vigil.notify.jira.url"));
        assertThat(new JiraNotifier(url, Optional.empty(), Optional.of(TOKEN), Optional.of("OPS"), "Task",
                Optional.empty(), priorities, json, NotificationTemplates.shipped()).misconfiguration()).hasValueSatisfying(m -> assertThat(m).contains("vigil.notify.jira.email"));
        assertThat(new JiraNotifier(url, Optional.of(EMAIL), Optional.empty(), Optional.of("OPS"), "Task",
                Optional.empty(), priorities, json, NotificationTemplates.shipped()).misconfiguration()).hasValueSatisfying(m -> assertThat(m).contains("vigil.notify.jira.api-token"));
        assertThat(new JiraNotifier(url, Optional.of(EMAIL), Optional.of(TOKEN), Optional.empty(), "Task",
                Optional.empty(), priorities, json, NotificationTemplates.shipped()).misconfiguration()).hasValueSatisfying(m -> assertThat(m).contains("vigil.notify.jira.project-key"));
        assertThat(new JiraNotifier(url, Optional.of(EMAIL), Optional.of(TOKEN), Optional.of("OPS"), "Task",
                Optional.empty(), "SEVERE:High", json, NotificationTemplates.shipped()).misconfiguration())
                .hasValueSatisfying(m -> assertThat(m).contains("vigil.notify.jira.priorities").contains("SEVERE:High"));
    }

    @Test
    void jqlLiteralsEscapeQuotesAndBackslashes() {
        assertThat(JiraNotifier.quoted("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    }

    @Test
    void aNoformatInsideTheTextCannotCloseTheLiteralBlock() {
        assertThat(JiraNotifier.literal("entity x{noformat}*bold*{NOFORMAT}"))
                .isEqualTo("{noformat}\nentity x{ noformat}*bold*{ noformat}\n{noformat}");
    }
}

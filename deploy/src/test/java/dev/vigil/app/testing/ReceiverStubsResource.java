package dev.vigil.app.testing;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Every receiver's far side for the delivery tests: a real SMTP server (GreenMail) for email, and one WireMock server
 * answering as Jira REST v2, ServiceNow's Table API, PagerDuty's Events API v2 and a webhook consumer do (Slack is the
 * suite's own {@link SlackStubResource}). Jira: no open issue with the label, a created issue is OPS-1, comments are
 * taken; ServiceNow: no open incident, the newest with the fingerprint is INC0010001 in progress; PagerDuty: 202.
 */
public class ReceiverStubsResource implements QuarkusTestResourceLifecycleManager {

    public static final String HOOK_PATH = "/hooks/vigil";
    private static volatile GreenMail smtp;
    private static volatile WireMockServer apis;

    /** What the SMTP server received. */
    public static GreenMail smtp() {
        return smtp;
    }

    public static WireMockServer apis() {
        return apis;
    }

    @Override
    public Map<String, String> start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        apis = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        apis.start();
        String json = "application/json";
        apis.stubFor(get(urlPathEqualTo("/rest/api/2/search/jql")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", json).withBody("{\"issues\":[],\"isLast\":true}")));
        apis.stubFor(post(urlEqualTo("/rest/api/2/issue")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", json)
                .withBody("{\"id\":\"10001\",\"key\":\"OPS-1\",\"self\":\"" + apis.baseUrl() + "/rest/api/2/issue/10001\"}")));
        apis.stubFor(get(urlPathEqualTo("/rest/api/2/issue/OPS-1")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", json)
                .withBody("{\"id\":\"10001\",\"key\":\"OPS-1\",\"fields\":{\"status\":{\"statusCategory\":{\"key\":\"new\"}}}}")));
        apis.stubFor(get(urlPathEqualTo("/rest/api/2/issue/OPS-1/comment")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", json).withBody("{\"startAt\":0,\"maxResults\":50,\"total\":0,\"comments\":[]}")));
        apis.stubFor(post(urlEqualTo("/rest/api/2/issue/OPS-1/comment")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", json).withBody("{\"id\":\"10100\"}")));
        apis.stubFor(get(urlPathEqualTo("/api/now/table/incident")).withQueryParam("sysparm_query", containing("stateNOT IN"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", json).withBody("{\"result\":[]}")));
        apis.stubFor(get(urlPathEqualTo("/api/now/table/incident")).withQueryParam("sysparm_query", containing("ORDERBYDESC"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", json).withBody(
                        "{\"result\":[{\"sys_id\":\"9d385017c611228701d22104cc95c371\",\"number\":\"INC0010001\",\"state\":\"2\"}]}")));
        apis.stubFor(post(urlEqualTo("/api/now/table/incident")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", json).withBody("{\"result\":{\"sys_id\":\"9d385017c611228701d22104cc95c371\","
                        + "\"number\":\"INC0010001\",\"state\":\"1\"}}")));
        apis.stubFor(patch(urlMatching("/api/now/table/incident/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", json).withBody("{\"result\":{\"state\":\"6\"}}")));
        apis.stubFor(post(urlEqualTo("/v2/enqueue")).willReturn(aResponse().withStatus(202).withHeader("Content-Type", json)
                .withBody("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"x\"}")));
        apis.stubFor(post(urlPathMatching(HOOK_PATH)).willReturn(aResponse().withStatus(200)));
        String base = apis.baseUrl();
        return Map.ofEntries(
                Map.entry("vigil.notify.email.host", "127.0.0.1"),
                Map.entry("vigil.notify.email.port", Integer.toString(smtp.getSmtp().getPort())),
                Map.entry("vigil.notify.email.starttls", "false"),
                Map.entry("vigil.notify.email.from", "vigil@localhost"),
                Map.entry("vigil.notify.email.to", "oncall@localhost"),
                Map.entry("vigil.notify.jira.url", base),
                Map.entry("vigil.notify.jira.email", "ops-bot@example.com"),
                Map.entry("vigil.notify.jira.api-token", "test-jira-token"),
                Map.entry("vigil.notify.jira.project-key", "OPS"),
                Map.entry("vigil.notify.servicenow.instance-url", base),
                Map.entry("vigil.notify.servicenow.username", "vigil.integration"),
                Map.entry("vigil.notify.servicenow.password", "test-servicenow-password"),
                Map.entry("vigil.notify.pagerduty.routing-key", "R0VIGILTESTROUTINGKEY000000000000"),
                Map.entry("vigil.notify.pagerduty.url", base + "/v2/enqueue"),
                Map.entry("vigil.notify.webhook.url", base + HOOK_PATH));
    }

    @Override
    public void stop() {
        if (apis != null) {
            apis.stop();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }
}

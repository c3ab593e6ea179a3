package dev.vigil.app.testing;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Slack's incoming webhook, as Slack documents it: POST JSON to {@code /services/T.../B.../...}, answered with
 * {@code 200} and the body {@code ok} as {@code text/html}.
 */
public class SlackStubResource implements QuarkusTestResourceLifecycleManager {

    public static final String HOOK_PATH = "/services/T0VIGIL01/B0VIGIL01/vigiltestsecret";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(post(urlEqualTo(HOOK_PATH))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("ok")));
        return Map.of("vigil.notify.slack.webhook-url", server.baseUrl() + HOOK_PATH);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}

package dev.vigil.app.testing;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Slack, as Slack documents it: the incoming webhook (POST JSON to {@code /services/T.../B.../...}, answered with
 * {@code 200} and the body {@code ok} as {@code text/html}), the receiver's mode in the suite, and the Web API under
 * {@code /api} ({@code chat.postMessage}, {@code chat.update}, {@code conversations.history} of one channel:
 * {@link SlackWebApiStub}) for tests that switch the receiver to it ({@link SlackWebApiProfile}).
 */
public class SlackStubResource implements QuarkusTestResourceLifecycleManager {

    public static final String HOOK_PATH = "/services/T0VIGIL01/B0VIGIL01/vigiltestsecret";
    public static final String WEB_API_PATH = "/api";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").extensions(new SlackWebApiStub()));
        server.start();
        server.stubFor(post(urlEqualTo(HOOK_PATH))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("ok")));
        server.stubFor(any(urlPathMatching(WEB_API_PATH + "/(chat\\.postMessage|chat\\.update|conversations\\.history)"))
                .willReturn(aResponse().withTransformers(SlackWebApiStub.NAME)));
        return Map.of("vigil.notify.slack.webhook-url", server.baseUrl() + HOOK_PATH,
                "vigil.notify.slack.api-url", server.baseUrl() + WEB_API_PATH);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}

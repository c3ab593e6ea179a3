package dev.vigil.app.testing;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A JSON metrics API, as the routes-examples poll one: an HTTP server whose answers each test sets (through
 * WireMock's admin API at {@value #URL}), since the API stands for a third party's, not Vigil's; until then it
 * answers every GET with no items. Gives the
 * address of the boiler-api example ({@value #BOILER_API_URL}).
 */
public class MetricsApiStubResource implements QuarkusTestResourceLifecycleManager {

    /** The stub's base address. */
    public static final String URL = "metrics-api.url";
    /** The boiler-api example's API (routes-examples/boiler-api.yaml). */
    public static final String BOILER_API_URL = "boiler-api.url";
    public static final String BOILER_API_PATH = "/api/v1/metrics";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        // nothing to report until a test sets an answer: the polls before that are not failures to log
        server.stubFor(get(anyUrl()).willReturn(okJson("{\"boilers\":[]}")));
        return Map.of(URL, server.baseUrl(), BOILER_API_URL, server.baseUrl() + BOILER_API_PATH);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}

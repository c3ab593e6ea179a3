package dev.vigil.app.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A running Vigil's {@code /api}, as the command-line tools reach it: the API key from {@code VIGIL_API_KEY}, the
 * address from {@code VIGIL_URL} (default {@code http://localhost:8080}).
 */
public final class VigilApi {

    /** The line every tool's usage ends with. */
    public static final String ENVIRONMENT = "  environment: VIGIL_API_KEY (required), VIGIL_URL (default http://localhost:8080)";

    private final String base;
    private final String key;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private VigilApi(String base, String key) {
        this.base = base;
        this.key = key;
    }

    /** @throws IllegalArgumentException naming what is missing */
    public static VigilApi fromEnvironment(Map<String, String> env) {
        String key = env.get("VIGIL_API_KEY");
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("VIGIL_API_KEY is not set: the API key Vigil knows you by (vigil.api.keys)");
        }
        return new VigilApi(env.getOrDefault("VIGIL_URL", "http://localhost:8080").replaceAll("/+$", ""), key);
    }

    public String base() {
        return base;
    }

    /** A request to {@code path} (with its query) carrying the key. */
    public HttpRequest.Builder request(String path, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).header("X-Vigil-Api-Key", key);
    }

    /** {@code /api/alerts/{alertId}/{leaf}}, the id encoded as one path segment. */
    public static String alertPath(String alertId, String leaf) {
        return "/api/alerts/" + URLEncoder.encode(alertId, StandardCharsets.UTF_8).replace("+", "%20") + "/" + leaf;
    }

    /** {@code ?name=value&...} of the parameters that have a value (encoded, in order), or nothing without any. */
    public static String query(Map<String, String> parameters) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        parameters.forEach((name, value) -> {
            if (value != null) {
                query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return query.toString();
    }

    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        return http.send(request, body);
    }

    /** The {@code reason} of a refusal's JSON body, else the body itself. */
    public static String reason(String body) {
        try {
            JsonNode json = new ObjectMapper().readTree(body);
            return json != null && json.has("reason") ? json.path("reason").asText() : body;
        } catch (IOException e) {
            return body;
        }
    }
}

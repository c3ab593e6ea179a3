package dev.vigil.alerting.notify.http;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alerting.notify.NotificationException;

/**
 * What the HTTP receivers share: one JDK client with timeouts, network failures as retryable
 * {@link NotificationException}s, the usual status classification (429 and 5xx retryable, honouring
 * {@code Retry-After}; other 4xx permanent) and Basic auth. Messages carry the service's answer (cut short) but never
 * a request header, URL or body, so no secret reaches a log.
 */
public final class HttpCalls {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int ANSWER_MAX = 500;

    private final String service;
    private final ObjectMapper json;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** @param service how messages name the other side, e.g. "PagerDuty" */
    public HttpCalls(String service, ObjectMapper json) {
        this.service = service;
        this.json = json;
    }

    public HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json");
    }

    public HttpRequest.BodyPublisher jsonBody(JsonNode body) throws NotificationException {
        try {
            return HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw NotificationException.permanent("could not write the " + service + " request: " + e.getOriginalMessage());
        }
    }

    /** Sends; a network failure or timeout is retryable. The response is returned whatever its status. */
    public HttpResponse<String> send(HttpRequest request) throws NotificationException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw NotificationException.retryable(service + " unreachable: " + e, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw NotificationException.retryable("interrupted while calling " + service, null, e);
        }
    }

    /** Reads a JSON answer; one that is not JSON is the service misbehaving, worth a retry. */
    public JsonNode read(HttpResponse<String> response) throws NotificationException {
        try {
            JsonNode node = json.readTree(response.body());
            return node == null ? json.missingNode() : node;
        } catch (JsonProcessingException e) {
            throw NotificationException.retryable(service + " answered " + response.statusCode()
                    + " with a body that is not JSON: " + excerpt(response.body()), null, null);
        }
    }

    /** The usual classification of a status that is not success: 408, 429 and 5xx retryable, other 4xx permanent. */
    public NotificationException failure(String what, HttpResponse<String> response) {
        int status = response.statusCode();
        String answer = service + " " + what + " answered " + status + " " + excerpt(response.body());
        if (status == 429 || status == 503) {
            return NotificationException.retryable(answer, retryAfter(response).orElse(status == 429 ? Duration.ofSeconds(1) : null), null);
        }
        if (status == 408 || status >= 500) {
            return NotificationException.retryable(answer, null, null);
        }
        return NotificationException.permanent(answer);
    }

    /** {@code Retry-After} as delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
    public static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(HttpCalls::retryAfter);
    }

    static Optional<Duration> retryAfter(String header) {
        String value = header.strip();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(Instant.now(), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    public static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    public static String encode(String queryValue) {
        return URLEncoder.encode(queryValue, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Joins a configured base URL (with or without a trailing slash) and a path starting with '/'. */
    public static URI join(URI base, String path) {
        String root = base.toString();
        while (root.endsWith("/")) {
            root = root.substring(0, root.length() - 1);
        }
        return URI.create(root + path);
    }

    public static String excerpt(String body) {
        if (body == null) {
            return "";
        }
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.length() <= ANSWER_MAX ? flat : flat.substring(0, ANSWER_MAX) + "…";
    }

    /** Cuts to {@code max} chars without splitting a surrogate pair, marking the cut with an ellipsis. */
    public static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 2)) ? max - 2 : max - 1;
        return text.substring(0, end) + "…";
    }
}

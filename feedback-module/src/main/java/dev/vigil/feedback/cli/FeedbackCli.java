package dev.vigil.feedback.cli;

import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code ./vigil feedback ALERT_ID VERDICT [--comment TEXT]}: posts the answer to a running Vigil's
 * {@code POST /api/alerts/{id}/feedback} with the API key in {@code VIGIL_API_KEY}, at {@code VIGIL_URL} (default
 * {@code http://localhost:8080}). Exit 0 stored, 1 refused by Vigil (the reason is printed), 2 bad usage or Vigil
 * unreachable.
 */
public final class FeedbackCli {

    static final String USAGE = "usage: vigil feedback ALERT_ID VERDICT [--comment TEXT]\n"
            + "  VERDICT: true-incident | false-alarm | expected | new-normal | duplicate\n"
            + VigilApi.ENVIRONMENT;

    private FeedbackCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String alertId = null;
        String verdict = null;
        String comment = "";
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--comment") || arg.equals("-m")) {
                if (i + 1 >= args.length) {
                    err.println("--comment needs a text\n" + USAGE);
                    return 2;
                }
                comment = args[++i];
            } else if (arg.startsWith("--comment=")) {
                comment = arg.substring("--comment=".length());
            } else if (arg.equals("--help") || arg.equals("-h")) {
                out.println(USAGE);
                return 0;
            } else if (alertId == null) {
                alertId = arg;
            } else if (verdict == null) {
                verdict = arg;
            } else {
                err.println("unexpected argument '" + arg + "'\n" + USAGE);
                return 2;
            }
        }
        if (alertId == null || verdict == null) {
            err.println(USAGE);
            return 2;
        }
        VigilApi api;
        try {
            api = VigilApi.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode body = json.createObjectNode().put("verdict", verdict).put("comment", comment).put("channel", "cli");
        try {
            HttpRequest request = api.request(VigilApi.alertPath(alertId, "feedback"), Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
            HttpResponse<String> response = api.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode answer = readOrNull(json, response.body());
            if (response.statusCode() / 100 == 2 && answer != null) {
                out.printf("Stored %s on alert %s as %s (feedback #%s%s)%n", answer.path("verdict").asText(),
                        answer.path("alertId").asText(), answer.path("actor").asText(), answer.path("id").asText(),
                        answer.hasNonNull("supersedes") ? ", supersedes #" + answer.path("supersedes").asText() : "");
                return 0;
            }
            err.println("Vigil refused the answer (" + response.statusCode() + "): " + VigilApi.reason(response.body()));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("interrupted");
            return 2;
        } catch (Exception e) {
            err.println("could not reach Vigil at " + api.base() + ": " + e);
            return 2;
        }
    }

    private static JsonNode readOrNull(ObjectMapper json, String body) {
        try {
            return json.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }
}

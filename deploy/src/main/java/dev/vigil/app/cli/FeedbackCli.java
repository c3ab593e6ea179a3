package dev.vigil.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./vigil feedback ALERT_ID VERDICT [--comment TEXT]}: posts the answer to a running Vigil's
 * {@code POST /api/alerts/{id}/feedback} with the API key in {@code VIGIL_API_KEY}, at {@code VIGIL_URL} (default
 * {@code http://localhost:8080}). Exit 0 stored, 1 refused by Vigil (the reason is printed), 2 bad usage or Vigil
 * unreachable.
 */
@Command(name = "feedback", mixinStandardHelpOptions = true,
        description = "Answers an alert on a running Vigil.", footer = VigilApi.ENVIRONMENT)
public final class FeedbackCli extends ApiCommand {

    @Parameters(index = "0", paramLabel = "ALERT_ID", description = "the alert answered")
    String alertId;
    @Parameters(index = "1", paramLabel = "VERDICT",
            description = "true-incident, false-alarm, expected, new-normal or duplicate")
    String verdict;
    @Option(names = {"--comment", "-m"}, defaultValue = "", paramLabel = "TEXT", description = "why, for the record")
    String comment;

    /** Runs the command as {@code vigil feedback} would and returns its exit code; for tests. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        return execute(new FeedbackCli(), args, env, out, err);
    }

    @Override
    int call(VigilApi api) throws IOException, InterruptedException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode body = json.createObjectNode().put("verdict", verdict).put("comment", comment).put("channel", "cli");
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
        return refused("the answer", response.statusCode(), response.body());
    }

    private static JsonNode readOrNull(ObjectMapper json, String body) {
        try {
            return json.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }
}

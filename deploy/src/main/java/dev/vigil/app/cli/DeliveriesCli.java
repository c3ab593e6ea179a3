package dev.vigil.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./vigil deliveries [--alert ID] [--receiver R] [--state pending|sent|dead] [--since 2h|ISO] [--limit N]
 * [--json]}: the delivery log of a running Vigil (who was told what, when, through which channel), read from
 * {@code GET /api/deliveries} (or {@code /api/alerts/{id}/deliveries} with {@code --alert}) with the API key in
 * {@code VIGIL_API_KEY}, at {@code VIGIL_URL} (default {@code http://localhost:8080}). Prints a table, newest first,
 * or the JSON as Vigil answered with {@code --json}. Exit 0 listed, 1 refused by Vigil (the reason is printed), 2 bad
 * usage or Vigil unreachable.
 */
@Command(name = "deliveries", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Who was told what, when, through which channel: a running Vigil's delivery log, newest first.",
        footer = VigilApi.ENVIRONMENT)
public final class DeliveriesCli extends ApiCommand {

    private static final String ROW = "%-20s  %-16s  %-8s  %-8s  %-7s  %5s  %-36s  %s%n";

    @Option(names = "--alert", paramLabel = "ID", description = "one alert's deliveries")
    String alert;
    @Option(names = "--receiver", paramLabel = "NAME",
            description = "one receiver's (db-team), or one of its integrations (db-team/jira)")
    String receiver;
    @Option(names = "--state", paramLabel = "pending|sent|dead", description = "in one state")
    String state;
    @Option(names = "--since", paramLabel = "2h|7d|ISO", description = "written since")
    String since;
    @Option(names = "--limit", paramLabel = "N", description = "at most N")
    Integer limit;
    @Option(names = "--json", description = "the JSON as Vigil answers it")
    boolean json;

    /** Runs the command as {@code vigil deliveries} would and returns its exit code; for tests. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        return execute(new DeliveriesCli(), args, env, out, err);
    }

    @Override
    int call(VigilApi api) throws IOException, InterruptedException {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("receiver", receiver);
        options.put("state", state);
        options.put("since", since);
        options.put("limit", limit == null ? null : limit.toString());
        String query = VigilApi.query(options);
        String path = alert == null ? "/api/deliveries"
                : VigilApi.alertPath(alert, "deliveries");
        HttpResponse<String> response = api.send(api.request(path + query, Duration.ofSeconds(30))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        ObjectMapper mapper = new ObjectMapper();
        JsonNode answer = mapper.readTree(response.body().isBlank() ? "null" : response.body());
        if (response.statusCode() != 200 || answer == null || !answer.isArray()) {
            return refused("the delivery log", response.statusCode(), response.body());
        }
        if (json) {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
        } else {
            table(answer, out);
        }
        return 0;
    }

    private static void table(JsonNode deliveries, PrintStream out) {
        out.printf(ROW, "WRITTEN", "RECEIVER", "STATUS", "SEVERITY", "STATE", "TRIES", "ALERT", "ENTITY: REFERENCE / ERROR");
        Map<String, Integer> states = new LinkedHashMap<>();
        for (JsonNode d : deliveries) {
            String state = d.path("state").asText();
            states.merge(state.toLowerCase(), 1, Integer::sum);
            String outcome = d.hasNonNull("lastError") && !"SENT".equals(state) ? d.path("lastError").asText()
                    : d.path("reference").asText("");
            String receiver = d.path("receiver").asText();
            String integration = d.path("integration").asText(receiver);
            out.printf(ROW, d.path("createdAt").asText().replaceFirst("\\.\\d+Z$", "Z"),
                    integration.equals(receiver) ? receiver : receiver + "/" + integration,
                    d.path("status").asText(), d.path("severity").asText(), state, d.path("attempts").asText(),
                    d.path("alertId").asText(), cut(d.path("entity").asText() + (outcome.isEmpty() ? "" : ": " + outcome), 120));
        }
        out.println(deliveries.size() + " deliveries" + (states.isEmpty() ? "" : " " + states));
    }

    private static String cut(String text, int max) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }
}

package dev.vigil.app.cli;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.feedback.cli.VigilApi;

/**
 * {@code ./vigil deliveries [--alert ID] [--receiver R] [--state pending|sent|dead] [--since 2h|ISO] [--limit N]
 * [--json]}: the delivery log of a running Vigil (who was told what, when, through which channel), read from
 * {@code GET /api/deliveries} (or {@code /api/alerts/{id}/deliveries} with {@code --alert}) with the API key in
 * {@code VIGIL_API_KEY}, at {@code VIGIL_URL} (default {@code http://localhost:8080}). Prints a table, newest first,
 * or the JSON as Vigil answered with {@code --json}. Exit 0 listed, 1 refused by Vigil (the reason is printed), 2 bad
 * usage or Vigil unreachable.
 */
public final class DeliveriesCli {

    static final String USAGE = "usage: vigil deliveries [--alert ID] [--receiver NAME] [--state pending|sent|dead]"
            + " [--since 2h|7d|2026-11-22T10:00:00Z] [--limit N] [--json]\n"
            + VigilApi.ENVIRONMENT;
    private static final List<String> OPTIONS = List.of("--alert", "--receiver", "--state", "--since", "--limit");
    private static final String ROW = "%-20s  %-16s  %-8s  %-8s  %-7s  %5s  %-36s  %s%n";

    private DeliveriesCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Map<String, String> options = new LinkedHashMap<>();
        boolean json = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                out.println(USAGE);
                return 0;
            } else if (args[i].equals("--json")) {
                json = true;
            } else if (OPTIONS.contains(args[i]) && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            } else {
                err.println("unexpected argument '" + args[i] + "'\n" + USAGE);
                return 2;
            }
        }
        VigilApi api;
        try {
            api = VigilApi.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        String alert = options.remove("alert");
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        options.forEach((name, value) -> query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        String path = alert == null ? "/api/deliveries"
                : VigilApi.alertPath(alert, "deliveries");
        try {
            HttpResponse<String> response = api.send(api.request(path + query, Duration.ofSeconds(30))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            ObjectMapper mapper = new ObjectMapper();
            JsonNode answer = mapper.readTree(response.body().isBlank() ? "null" : response.body());
            if (response.statusCode() != 200 || answer == null || !answer.isArray()) {
                err.println("Vigil refused (" + response.statusCode() + "): " + VigilApi.reason(response.body()));
                return 1;
            }
            if (json) {
                out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
            } else {
                table(answer, out);
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("interrupted");
            return 2;
        } catch (Exception e) {
            err.println("could not read the delivery log at " + api.base() + ": " + e);
            return 2;
        }
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

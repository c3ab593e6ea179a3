package dev.vigil.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./vigil report [--days N] [--json]}: a running Vigil's report ({@code GET /api/report}): per detector, alerts
 * per day against its budget, precision from feedback, recall on confirmed incidents, its threshold and the changes of
 * it. A table by default; {@code --json} prints the report's JSON as it is (documented in feedback-module/README.md).
 * Exit 0 printed, 1 refused by Vigil, 2 bad usage or Vigil unreachable.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "A running Vigil's report: per detector, alerts per day against its budget, precision, recall, "
                + "threshold and its changes.", footer = VigilApi.ENVIRONMENT)
public final class ReportCli extends ApiCommand {

    @Option(names = "--days", defaultValue = "7", paramLabel = "N", description = "days reported (default: ${DEFAULT-VALUE})")
    int days;
    @Option(names = "--json", description = "the report's JSON as Vigil answers it")
    boolean raw;

    /** Runs the command as {@code vigil report} would and returns its exit code; for tests. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        return execute(new ReportCli(), args, env, out, err);
    }

    @Override
    int call(VigilApi api) throws IOException, InterruptedException {
        HttpResponse<String> response = api.send(api.request("/api/report?days=" + days, Duration.ofMinutes(5))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return refused("the report", response.statusCode(), response.body());
        }
        if (raw) {
            out.println(response.body());
        } else {
            print(new ObjectMapper().readTree(response.body()), out);
        }
        return 0;
    }

    static void print(JsonNode report, PrintStream out) {
        out.printf(Locale.ROOT, "Vigil report %s .. %s (%.0f days)%n", report.path("from").asText(),
                report.path("to").asText(), report.path("days").asDouble());
        out.printf(Locale.ROOT, "%-24s %7s %10s %7s %10s %12s %10s %9s%n", "detector", "alerts", "per day", "budget",
                "answered", "precision", "recall", "threshold");
        for (JsonNode d : report.path("detectors")) {
            JsonNode recall = d.path("recall");
            JsonNode threshold = d.path("threshold");
            out.printf(Locale.ROOT, "%-24s %7d %10.2f %7s %10s %12s %10s %9s%n", d.path("detector").asText(),
                    d.path("alerts").asInt(), d.path("alertsPerDay").asDouble(),
                    d.path("budget").isNull() ? "-" : trim(d.path("budget").path("alertsPerDay").asDouble()),
                    d.path("feedback").path("answered").asInt() + "/" + d.path("alerts").asInt(),
                    d.path("precision").isNull() ? "-" : String.format(Locale.ROOT, "%.2f", d.path("precision").asDouble()),
                    recall.path("replayed").asInt() == 0 ? "-"
                            : recall.path("alertingNow").asInt() + "/" + recall.path("replayed").asInt(),
                    String.format(Locale.ROOT, "×%.2f%s", threshold.path("factor").asDouble(),
                            threshold.path("pinned").asBoolean() ? " pin" : ""));
        }
        for (JsonNode d : report.path("detectors")) {
            for (JsonNode change : d.path("thresholdHistory")) {
                out.printf(Locale.ROOT, "%s %s%s ×%.2f -> ×%.2f%s by %s: %s%n", change.path("at").asText(),
                        d.path("detector").asText(), change.path("entity").isNull() ? "" : " " + change.path("entity").asText(),
                        change.path("from").asDouble(), change.path("to").asDouble(),
                        change.path("pinned").asBoolean() ? " (pinned)" : "", change.path("by").asText(),
                        change.path("reason").asText());
            }
        }
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}

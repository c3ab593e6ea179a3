package dev.vigil.alerting.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.Finding;

/**
 * The words every text receiver (email, tickets, PagerDuty) says about an alert, in one place so they agree: a
 * title, the explanation, the facts (observed vs expected and the identities) and each scorer's finding. Plain
 * strings: each receiver escapes them for its own format.
 */
public final class AlertText {

    private AlertText() {
    }

    /** "CRITICAL temperature{device=boiler-2} (metric-baseline)", prefixed with "RESOLVED" once resolved. */
    public static String title(Alert alert) {
        String head = alert.severity() + " " + alert.entity() + " (" + alert.detector() + ")";
        return alert.status() == AlertStatus.RESOLVED ? "RESOLVED " + head : head;
    }

    /** The strongest finding while firing; how long it lasted once resolved. */
    public static String headline(Alert alert) {
        if (alert.status() == AlertStatus.RESOLVED) {
            return "Back to normal: " + alert.entity() + " (" + alert.detector() + ") after " + lasted(alert) + ".";
        }
        return alert.explanation().summary();
    }

    public static String observed(Explanation why) {
        return String.format(Locale.ROOT, "%.4g", why.observed());
    }

    public static String expected(Explanation why) {
        return String.format(Locale.ROOT, "%.4g ± %.2g", why.expected(), why.scale());
    }

    /** Name → value, in reading order. */
    public static Map<String, String> facts(Alert alert) {
        Explanation why = alert.explanation();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Status", alert.status().name());
        facts.put("Severity", alert.severity().name());
        facts.put("Source", alert.source());
        facts.put("Entity", alert.entity());
        facts.put("Detector", alert.detector());
        facts.put("Observed " + why.feature(), observed(why));
        facts.put("Expected", expected(why));
        facts.put("Started", alert.startsAt().toString());
        if (alert.endsAt() != null) {
            facts.put("Resolved", alert.endsAt().toString());
        }
        alert.labels().forEach((k, v) -> facts.put("Label " + k, v));
        facts.put("Alert id", alert.id());
        facts.put("Fingerprint", alert.fingerprint());
        return facts;
    }

    /** "robust-z: mean observed … (34.9 against a limit of 3.5)", strongest first. */
    public static List<String> findings(Alert alert) {
        List<String> lines = new ArrayList<>();
        for (Finding f : alert.explanation().findings()) {
            lines.add(String.format(Locale.ROOT, "%s: %s (statistic %.3g, limit %.3g)", f.scorer(), f.description(),
                    f.statistic(), f.limit()));
        }
        return lines;
    }

    /** What backs the findings (example lines, out-of-place events, facts), most telling first; often empty. */
    public static List<String> evidence(Alert alert) {
        return alert.explanation().evidence();
    }

    /** The whole alert as plain text lines: headline, facts, findings, evidence. */
    public static String plain(Alert alert) {
        StringBuilder text = new StringBuilder(headline(alert)).append("\n\n");
        facts(alert).forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
        List<String> findings = findings(alert);
        if (!findings.isEmpty()) {
            text.append("\nFindings:\n");
            findings.forEach(line -> text.append("- ").append(line).append('\n'));
        }
        List<String> evidence = evidence(alert);
        if (!evidence.isEmpty()) {
            text.append("\nEvidence:\n");
            evidence.forEach(line -> text.append("- ").append(line).append('\n'));
        }
        return text.toString();
    }

    public static Duration lasted(Alert alert) {
        return alert.endsAt() == null ? Duration.ZERO : Duration.between(alert.startsAt(), alert.endsAt());
    }
}

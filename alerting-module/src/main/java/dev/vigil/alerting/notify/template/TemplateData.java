package dev.vigil.alerting.notify.template;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.Finding;

/**
 * What every template sees of an alert: {@code alert} itself (its record accessors: {@code alert.entity},
 * {@code alert.explanation.evidence}, {@code alert.labels}, ...), {@code firing} and {@code resolved}, the numbers
 * formatted as people read them ({@code observed}, {@code expected}, each of {@code findings}), {@code lasted}
 * (firing to resolve), and {@code token}, the {@code [vigil:<id>]} that replies and tickets are matched by.
 */
final class TemplateData {

    private TemplateData() {
    }

    /** One scorer's finding, its numbers to three significant digits. */
    public record FindingLine(String scorer, String description, String statistic, String limit, boolean anomalous) {
    }

    static Map<String, Object> of(Alert alert) {
        Explanation why = alert.explanation();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("alert", alert);
        data.put("firing", alert.status() == AlertStatus.FIRING);
        data.put("resolved", alert.status() == AlertStatus.RESOLVED);
        data.put("observed", String.format(Locale.ROOT, "%.4g", why.observed()));
        data.put("expected", String.format(Locale.ROOT, "%.4g ± %.2g", why.expected(), why.scale()));
        data.put("findings", findings(why));
        data.put("lasted", alert.endsAt() == null ? Duration.ZERO : Duration.between(alert.startsAt(), alert.endsAt()));
        data.put("token", token(alert));
        return data;
    }

    /** The token in every subject and ticket: the feedback intake finds the alert of a reply by it. */
    static String token(Alert alert) {
        return "[vigil:" + alert.id() + "]";
    }

    private static List<FindingLine> findings(Explanation why) {
        return why.findings().stream().map(TemplateData::line).toList();
    }

    private static FindingLine line(Finding f) {
        return new FindingLine(f.scorer(), f.description(), String.format(Locale.ROOT, "%.3g", f.statistic()),
                String.format(Locale.ROOT, "%.3g", f.limit()), f.anomalous());
    }
}

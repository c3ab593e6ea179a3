package dev.vigil.app.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.vigil.alerting.matcher.Matcher;
import dev.vigil.alerting.matcher.Matchers;
import dev.vigil.alerting.outbox.DeliveryRecord;
import dev.vigil.app.query.AlertListing;
import dev.vigil.app.query.RelatedAlerts.Related;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.Contribution;
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.Numbers;

/**
 * What the alert detail page shows, read from the same places as {@code /api/alerts/{id}},
 * {@code /api/alerts/{id}/deliveries} and {@code /api/alerts/{id}/related}, with numbers written as people read them.
 * The chart and the verdict are filled by the page's script from {@code /api/alerts/{id}/series} and
 * {@code /api/alerts/{id}/feedback}.
 *
 * @param labels          {@code name=value} each
 * @param silenceMatchers what "silence this" proposes: the alert's detector, source, entity and labels
 * @param silenceUrl      the silences page prefilled with them
 */
public record AlertDetail(AlertListing alert, List<String> labels, String score, Why why,
        List<DeliveryRecord> deliveries, Related related, List<String> silenceMatchers, String silenceUrl) {

    /** The explanation in full. */
    public record Why(String feature, String observed, String expected, String scale, List<FindingRow> findings,
            List<ContributionRow> contributions, List<String> evidence) {
    }

    /** One scorer's finding: its statistic against its limit. */
    public record FindingRow(String scorer, String statistic, String limit, String ratio, boolean anomalous,
            String description) {
    }

    /** One feature's part: observed against expected, in spreads. */
    public record ContributionRow(String feature, String observed, String expected, String scale, String sigmas) {
    }

    private static final String SILENCE_FOR = "2h";

    public static AlertDetail of(Alert alert, List<DeliveryRecord> deliveries, Related related) {
        AlertListing listing = AlertListing.of(alert);
        List<String> matchers = Matchers.identifying(alert.detector(), alert.source(), alert.entity(), alert.labels())
                .all().stream().map(Matcher::toString).toList();
        StringBuilder silence = new StringBuilder("/console/silences?");
        for (String m : matchers) {
            silence.append("matcher=").append(encode(m)).append('&');
        }
        silence.append("comment=").append(encode("alert " + alert.id() + ": " + alert.entity()))
                .append("&duration=").append(SILENCE_FOR);
        return new AlertDetail(listing,
                alert.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList(),
                number(listing.score()), why(alert.explanation()), deliveries, related, matchers, silence.toString());
    }

    private static Why why(Explanation e) {
        return new Why(e.feature(), number(e.observed()), number(e.expected()), number(e.scale()),
                e.findings().stream().map(f -> new FindingRow(f.scorer(), number(f.statistic()), number(f.limit()),
                        number(f.ratio()), f.anomalous(), f.description())).toList(),
                e.contributions().stream().map(AlertDetail::contribution).toList(), e.evidence());
    }

    private static ContributionRow contribution(Contribution c) {
        return new ContributionRow(c.feature(), number(c.observed()), number(c.expected()), number(c.scale()),
                (c.sigmas() >= 0 ? "+" : "") + number(c.sigmas()));
    }

    /** Four significant digits; no value is a dash, an infinite one ∞. */
    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return Double.isInfinite(value) ? (value > 0 ? "∞" : "-∞") : Numbers.significant(value, 4);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}

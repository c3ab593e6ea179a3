package dev.vigil.app.api;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.vigil.alerting.store.AlertStore;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Score;
import dev.vigil.feedback.history.HistoryReader;
import dev.vigil.feedback.history.ScoredWindow;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /api/alerts/{id}/series?before=60&after=30&k=}, behind the API key or the console's session: the alert's
 * series around it, from the score history, what the console's chart draws. The windows of the alert's detector and
 * fingerprint: {@code before} windows (default 60, at most 1000) before its start, those from its start to its end (at
 * most 2000: the first of a resolved alert, the latest of a firing one; {@code truncated} says so) and {@code after}
 * windows (default 30, at most 1000) after its end. Counted in windows, so the same request suits 2-second and
 * hourly windows.
 * <p>
 * Each point is a window's end, the alert feature's {@code observed} value, its {@code expected} value and
 * {@code spread} as the detector measured it, the band {@code lower}..{@code upper} = expected ± k × threshold factor
 * × spread, the window's {@code score} (0..1, anomalous from 0.5: {@code scoreThreshold}), whether it was
 * {@code anomalous} and the {@code thresholdFactor} in force. {@code k} is the limit, in spreads, of the alert's z-type
 * finding (robust z, z, seasonal: 3.5 for the shipped {@code metric-baseline}), so the band is where that scorer
 * judges a value normal; else 3; or as asked. A value the window did not have is null. An alert with no stored
 * windows (a session, a rule on one event) answers no points. Unknown alert: 404; bad parameters: 400.
 */
@Path("/api/alerts/{id}/series")
@Produces(MediaType.APPLICATION_JSON)
public class AlertSeriesResource {

    /** The series around an alert. */
    public record AlertSeries(String alertId, String detector, String source, String entity, String feature,
            Instant startsAt, Instant endsAt, double k, double scoreThreshold, boolean truncated, List<Point> points) {
    }

    /** One window of it; null where the window had no such value. */
    public record Point(Instant at, Double observed, Double expected, Double spread, Double lower, Double upper,
            double score, boolean anomalous, double thresholdFactor) {
    }

    static final int DEFAULT_BEFORE = 60;
    static final int DEFAULT_AFTER = 30;
    static final int MAX_AROUND = 1000;
    static final int MAX_DURING = 2000;
    static final double DEFAULT_K = 3;
    /** Scorers whose statistic is a distance from the expected value in spreads, so their limit draws a band. */
    private static final Set<String> IN_SPREADS = Set.of("robust-z", "z", "seasonal");
    private static final Instant END_OF_TIME = Instant.parse("9999-01-01T00:00:00Z");

    private final AlertStore alerts;
    private final HistoryReader history;

    public AlertSeriesResource(AlertStore alerts, HistoryReader history) {
        this.alerts = alerts;
        this.history = history;
    }

    @GET
    public Response series(@PathParam("id") String id, @QueryParam("before") Integer before,
            @QueryParam("after") Integer after, @QueryParam("k") Double k) throws SQLException {
        int windowsBefore = count("before", before, DEFAULT_BEFORE);
        int windowsAfter = count("after", after, DEFAULT_AFTER);
        if (k != null && !(k > 0 && k <= 100)) {
            throw QueryParams.bad("k must be above 0 and at most 100, got " + k);
        }
        Optional<Alert> found = alerts.byId(id);
        if (found.isEmpty()) {
            return AlertsResource.unknown(id);
        }
        Alert alert = found.get();
        double band = k != null ? k : bandOf(alert.explanation());
        return Response.ok(around(alert, windowsBefore, windowsAfter, band)).build();
    }

    private AlertSeries around(Alert alert, int before, int after, double k) throws SQLException {
        String detector = alert.detector();
        String fingerprint = alert.fingerprint();
        boolean firing = alert.status() == AlertStatus.FIRING || alert.endsAt() == null;
        Instant end = firing ? END_OF_TIME : alert.endsAt().plusNanos(1000); // the window that resolved it included
        List<ScoredWindow> windows = new ArrayList<>();
        if (before > 0) { // a bound of 0 rows would be no bound at all to JDBC
            windows.addAll(history.seriesWindows(detector, fingerprint, Instant.EPOCH, alert.startsAt(), before, true));
        }
        List<ScoredWindow> during = history.seriesWindows(detector, fingerprint, alert.startsAt(), end, MAX_DURING + 1,
                firing);
        boolean truncated = during.size() > MAX_DURING;
        windows.addAll(truncated ? (firing ? during.subList(1, during.size()) : during.subList(0, MAX_DURING)) : during);
        if (!firing && after > 0) {
            windows.addAll(history.seriesWindows(detector, fingerprint, end, END_OF_TIME, after, false));
        }
        String feature = alert.explanation().feature();
        return new AlertSeries(alert.id(), detector, alert.source(), alert.entity(), feature, alert.startsAt(),
                alert.endsAt(), k, Score.THRESHOLD, truncated, windows.stream().map(w -> point(w, feature, k)).toList());
    }

    /**
     * The alert's feature in one window: its value from the window's features (a combination's leading feature may
     * change from window to window), its expected value and spread where the window was led by that feature.
     */
    private static Point point(ScoredWindow w, String feature, double k) {
        Double observed = finite(w.features().getOrDefault(feature, feature.equals(w.feature()) ? w.observed() : Double.NaN));
        boolean led = feature.equals(w.feature());
        Double expected = led ? finite(w.expected()) : null;
        Double spread = led ? finite(w.spread()) : null;
        Double lower = null;
        Double upper = null;
        if (expected != null && spread != null) {
            double half = k * w.thresholdFactor() * spread;
            lower = expected - half;
            upper = expected + half;
        }
        return new Point(w.windowEnd(), observed, expected, spread, lower, upper, w.score(), w.anomalous(),
                w.thresholdFactor());
    }

    private static double bandOf(Explanation why) {
        for (Finding finding : why.findings()) {
            if (IN_SPREADS.contains(finding.scorer()) && finding.limit() > 0 && Double.isFinite(finding.limit())) {
                return finding.limit();
            }
        }
        return DEFAULT_K;
    }

    private static int count(String parameter, Integer value, int fallback) {
        int n = value == null ? fallback : value;
        if (n < 0 || n > MAX_AROUND) {
            throw QueryParams.bad(parameter + " must be between 0 and " + MAX_AROUND + " windows, got " + n);
        }
        return n;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}

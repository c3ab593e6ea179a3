package dev.vigil.app.replay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;

import dev.vigil.alerting.config.AlertingConfig;
import dev.vigil.alerting.dispatch.Dispatcher;
import dev.vigil.alerting.dispatch.Notification;
import dev.vigil.alerting.dispatch.NotificationPipeline;
import dev.vigil.alerting.inhibit.Inhibitor;
import dev.vigil.alerting.lifecycle.AlertLifecycle;
import dev.vigil.alerting.lifecycle.ConfirmationPolicy;
import dev.vigil.alerting.silence.Silences;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Observation;
import dev.vigil.contracts.Score;
import dev.vigil.scoring.config.DetectorDefinition;

/**
 * How many alerts people would have had: one scenario (series that ran side by side, with the incidents labelled in
 * them) replayed through the live code, in event time: the detector through the live metric stream, each row one
 * closed window ({@link RowWindows}; a series' tags are its labels), one alert lifecycle (confirmation,
 * cooldown, flapping, severity) and one dispatcher (routing, grouping, inhibition, silences, group wait / interval /
 * repeat) over all of them. It counts what per-window alerting would have sent (every anomalous window) against the
 * firing notifications the dispatcher decided, and which labelled incidents each of the two covers.
 */
final class AlertQuality {

    /** After the last point, the dispatcher's clock runs on this long, so groups still waiting are told. */
    private static final Duration DRAIN = Duration.ofHours(1);

    /** One series of a scenario: its labels (the tags of its metrics' series) and its points. */
    record Series(SortedMap<String, String> labels, ReplayTable table) {
    }

    /** A labelled incident: the time it covers, both ends included. */
    record Incident(Instant start, Instant end) {

        boolean contains(Instant at) {
            return !at.isBefore(start) && !at.isAfter(end);
        }
    }

    /** Series that ran side by side, and the incidents labelled in them. */
    record Scenario(String name, List<Series> series, List<Incident> incidents) {
    }

    /**
     * What one scenario gave.
     *
     * @param anomalousWindows what per-window alerting sends: every anomalous window of every series
     * @param alerts           incidents the lifecycle fired (before routing and grouping)
     * @param notifications    firing notifications the dispatcher decided: new incidents, upgrades, repeats
     * @param covered          labelled incidents during which a notification was sent
     * @param coveredByWindows labelled incidents during which some window was anomalous: all that detection allows
     */
    record Figures(String scenario, int series, long rows, long anomalousWindows, int alerts, int notifications,
            int incidents, int covered, int coveredByWindows) {

        Figures plus(Figures other) {
            return new Figures("total", series + other.series, rows + other.rows, anomalousWindows + other.anomalousWindows,
                    alerts + other.alerts, notifications + other.notifications, incidents + other.incidents,
                    covered + other.covered, coveredByWindows + other.coveredByWindows);
        }

        /** The share of per-window alerts that notifications saved: 0.9 is a 90 % cut. */
        double cut() {
            return anomalousWindows == 0 ? 0 : 1 - (double) notifications / anomalousWindows;
        }
    }

    private final DetectorDefinition definition;
    private final ConfirmationPolicy policy;
    private final AlertingConfig alerting;

    AlertQuality(DetectorDefinition definition, ConfirmationPolicy policy, AlertingConfig alerting) {
        this.definition = definition;
        this.policy = policy;
        this.alerting = alerting;
    }

    Figures run(Scenario scenario, ProgressBar progress) {
        AlertLifecycle lifecycle = new AlertLifecycle(policy, alerting.lifecycle(), alerting.severity());
        Dispatcher dispatcher = new Dispatcher(alerting.route(), NotificationPipeline.standard(
                new Inhibitor(alerting.inhibitRules()), alerting.maintenanceWindows(),
                new Silences(Clock.systemUTC(), alerting.silences())));
        LiveMetrics live = new LiveMetrics(definition, LiveMetrics.DEFAULT_MODELS);
        RowWindows windows = new RowWindows(live);
        List<LiveMetrics.Columns> columns = scenario.series().stream()
                .map(s -> live.columns(s.table().file(), s.table().metrics(), s.labels())).toList();
        Tally tally = new Tally(scenario.incidents());
        Set<String> fired = new HashSet<>();
        Instant last = null;
        long done = 0;
        for (Point point : merged(scenario)) {
            if (last != null && point.at().isAfter(last)) {
                tally.told(dispatcher.flush(point.at()), point.at());
            }
            last = point.at();
            List<Observation> points = columns.get(point.series()).points(point.row());
            for (Score score : points.isEmpty() ? List.<Score>of() : windows.score(point.at(), points)) {
                if (score.anomalous()) {
                    tally.anomalous(point.at());
                }
                Optional<Alert> alert = lifecycle.onScore(score);
                if (alert.isPresent()) {
                    if (alert.get().status() == AlertStatus.FIRING && fired.add(alert.get().id())) {
                        tally.alerts++;
                    }
                    tally.told(dispatcher.accept(alert.get(), point.at()), point.at());
                }
            }
            if ((++done & 1023) == 0) {
                progress.advance(1024, scenario.name());
            }
        }
        progress.advance(done & 1023, scenario.name());
        if (last != null) {
            tally.told(dispatcher.flush(last.plus(DRAIN)), last.plus(DRAIN));
        }
        return new Figures(scenario.name(), scenario.series().size(), done, tally.anomalousWindows, tally.alerts,
                tally.notifications, scenario.incidents().size(), tally.covered.size(), tally.coveredByWindows.size());
    }

    private record Point(Instant at, int series, ReplayRow row) {
    }

    /** Every series' rows in event time; rows of one time in series order. */
    private static List<Point> merged(Scenario scenario) {
        List<Point> points = new ArrayList<>();
        for (int s = 0; s < scenario.series().size(); s++) {
            for (ReplayRow row : scenario.series().get(s).table().rows()) {
                points.add(new Point(row.timestamp(), s, row));
            }
        }
        points.sort(Comparator.comparing(Point::at)); // stable: series order within a time
        return points;
    }

    private static final class Tally {
        final List<Incident> incidents;
        final Set<Incident> covered = new HashSet<>();
        final Set<Incident> coveredByWindows = new HashSet<>();
        long anomalousWindows;
        int alerts;
        int notifications;

        Tally(List<Incident> incidents) {
            this.incidents = incidents;
        }

        void anomalous(Instant at) {
            anomalousWindows++;
            incidents.stream().filter(i -> i.contains(at)).forEach(coveredByWindows::add);
        }

        /** One receiver hears it once: count each incident told, not each receiver's copy. */
        void told(List<Notification> notifications, Instant at) {
            long firing = notifications.stream().filter(n -> n.alert().status() == AlertStatus.FIRING)
                    .map(n -> n.groupKey() + "|" + n.alert().id()).distinct().count();
            this.notifications += (int) firing;
            if (firing > 0) {
                incidents.stream().filter(i -> i.contains(at)).forEach(covered::add);
            }
        }
    }
}

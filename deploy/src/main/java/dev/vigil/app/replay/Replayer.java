package dev.vigil.app.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.vigil.alerting.config.AlertingConfig;
import dev.vigil.alerting.lifecycle.AlertLifecycle;
import dev.vigil.alerting.lifecycle.ConfirmationPolicy;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Observation;
import dev.vigil.contracts.Score;
import dev.vigil.scoring.config.DetectorDefinition;

/**
 * Runs one file through the code the live pipeline runs, streaming it: its rows' points through the live metric
 * stream ({@link LiveMetrics}, learned state fresh for every file), each row one closed window ({@link RowWindows})
 * or re-windowed as live ({@link Rewindowing}), and the scores through the alert lifecycle with the alerting file's
 * confirmation, cooldown, flapping and severity. A row's {@code anomaly_score} is the highest score of its windows
 * (each metric's series, or the group as one entity); its {@code alert}, whether one of them fired a new alert.
 * <p>
 * Each row one window: a row is scored and written before the next is read. Re-windowed: the file is read twice,
 * first to window and score it, keeping only each window span's highest score, whether it fired an alert and its last
 * row; then to write every row with its span's score, the alert on the span's last row. A row whose points all came
 * too late for their windows (dropped, as live) gets 0.
 */
final class Replayer {

    /** Rows between two progress reports. */
    private static final int PROGRESS_ROWS = 1024;

    private final DetectorDefinition definition;
    private final Path models;
    private final ConfirmationPolicy policy;
    private final AlertingConfig alerting;
    private final Rewindowing.Windows windows;
    private final Set<String> carried;

    /**
     * @param windows the live windows to put raw points in, or {@code null}: each row one closed window
     * @param carried columns carried to the output but never scored, besides {@code label}
     */
    /** @param models the models folder, for a detector with a PMML model */
    Replayer(DetectorDefinition definition, Path models, ConfirmationPolicy policy, AlertingConfig alerting,
            Rewindowing.Windows windows, Set<String> carried) {
        this.definition = definition;
        this.models = models;
        this.policy = policy;
        this.alerting = alerting;
        this.windows = windows;
        this.carried = carried;
    }

    /**
     * What one file gave.
     *
     * @param missingMarked cells read as missing that were not empty (NaN, NA, null, infinite)
     */
    record Result(long rows, int alerts, long lateRows, long missingMarked) {
    }

    Result replay(Path file, ReplayResults out, ProgressBar progress, String name) throws IOException {
        LiveMetrics live = new LiveMetrics(definition, models);
        NewAlerts alerts = new NewAlerts();
        return windows == null ? eachRowAWindow(file, live, alerts, out, progress, name)
                : rewindowed(file, live, alerts, out, progress, name);
    }

    private Result eachRowAWindow(Path file, LiveMetrics live, NewAlerts alerts, ReplayResults out,
            ProgressBar progress, String name) throws IOException {
        RowWindows rowWindows = new RowWindows(live);
        try (Reading in = new Reading(file, carried, live, progress, name)) {
            for (ReplayRow row = in.next(); row != null; row = in.next()) {
                List<Observation> points = in.points(row);
                double score = 0;
                boolean alert = false;
                if (!points.isEmpty()) {
                    List<Score> scores;
                    try {
                        scores = rowWindows.score(row.timestamp(), points);
                    } catch (IllegalArgumentException e) {
                        throw refused(file, row, e);
                    }
                    for (Score s : scores) {
                        score = Math.max(score, s.score());
                        alert |= alerts.fired(s);
                    }
                }
                out.row(row, score, alert);
            }
            return new Result(in.rows, alerts.count, 0, in.missingMarked());
        }
    }

    private Result rewindowed(Path file, LiveMetrics live, NewAlerts alerts, ReplayResults out, ProgressBar progress,
            String name) throws IOException {
        Rewindowing rewindowing = new Rewindowing(live, windows);
        SpanScores spans = new SpanScores();
        BitSet late = new BitSet();
        try (Reading in = new Reading(file, carried, live, progress, name)) {
            for (ReplayRow row = in.next(); row != null; row = in.next()) {
                List<Observation> points = in.points(row);
                if (points.isEmpty()) {
                    continue;
                }
                Rewindowing.Taken taken;
                try {
                    taken = rewindowing.take(row.timestamp(), points);
                } catch (IllegalArgumentException e) {
                    throw refused(file, row, e);
                }
                if (taken.held()) {
                    spans.row(windows.end(row.timestamp()), row.number());
                } else {
                    late.set(Math.toIntExact(row.number()));
                }
                taken.scores().forEach(s -> spans.score(s, alerts.fired(s)));
            }
        }
        rewindowing.finish().forEach(s -> spans.score(s, alerts.fired(s)));
        try (Reading in = new Reading(file, carried, live, progress, name).again()) {
            for (ReplayRow row = in.next(); row != null; row = in.next()) {
                Instant end = windows.end(row.timestamp());
                boolean dropped = late.get(Math.toIntExact(row.number()));
                out.row(row, dropped ? 0 : spans.score(end), !dropped && spans.alertOn(end, row.number()));
            }
            return new Result(in.rows, alerts.count, late.cardinality(), in.missingMarked());
        }
    }

    /** A window the detector refused (a group's window without any of its members), named by file and row. */
    private ReplayException refused(Path file, ReplayRow row, IllegalArgumentException e) {
        return new ReplayException(file, row.number(), "detector '" + definition.name() + "': " + e.getMessage());
    }

    /** A file read row by row, its rows as the live stream's points, progress reported as it goes. */
    private static final class Reading implements AutoCloseable {

        private final ReplayFile in;
        private final LiveMetrics.Columns columns;
        private final ProgressBar progress;
        private final String name;
        private long rows;
        private long reportedBytes;
        /** Whether the rows were counted in the progress already, by a first reading. */
        private boolean counted;

        Reading(Path file, Set<String> carried, LiveMetrics live, ProgressBar progress, String name) throws IOException {
            this.in = ReplayFile.open(file, carried);
            this.columns = live.columns(file, in.metrics(), new TreeMap<>());
            this.progress = progress;
            this.name = name;
        }

        /** The second reading of a file: its rows were counted by the first. */
        Reading again() {
            counted = true;
            return this;
        }

        ReplayRow next() throws IOException {
            ReplayRow row = in.next();
            if (row == null || ++rows % PROGRESS_ROWS == 0) {
                long bytes = in.bytesRead();
                long newRows = row == null ? rows % PROGRESS_ROWS : PROGRESS_ROWS;
                progress.advance(bytes - reportedBytes, counted ? 0 : newRows, name);
                reportedBytes = bytes;
            }
            return row;
        }

        List<Observation> points(ReplayRow row) {
            return columns.points(row);
        }

        long missingMarked() {
            return in.missingMarked();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** The lifecycle of one file's alerts, and which scores fired a new one. */
    private final class NewAlerts {

        private final AlertLifecycle lifecycle = new AlertLifecycle(policy, alerting.lifecycle(), alerting.severity());
        private final Set<String> fired = new HashSet<>();
        private int count;

        /** Whether the score fired a new incident (not an upgrade or a flapping notice of one already told). */
        boolean fired(Score score) {
            boolean fires = lifecycle.onScore(score).filter(a -> a.status() == AlertStatus.FIRING && fired.add(a.id()))
                    .isPresent();
            count += fires ? 1 : 0;
            return fires;
        }
    }

    /** Per window span of a re-windowed file (by its end): the highest score, whether an alert fired, the last row. */
    private static final class SpanScores {

        private final Map<Instant, Span> spans = new HashMap<>();

        private static final class Span {
            double score;
            boolean alert;
            long lastRow;
        }

        void row(Instant end, long row) {
            Span span = spans.computeIfAbsent(end, e -> new Span());
            span.lastRow = Math.max(span.lastRow, row);
        }

        void score(Score score, boolean fired) {
            Span span = spans.computeIfAbsent(score.timestamp(), e -> new Span());
            span.score = Math.max(span.score, score.score());
            span.alert |= fired;
        }

        double score(Instant end) {
            Span span = spans.get(end);
            return span == null ? 0 : span.score;
        }

        boolean alertOn(Instant end, long row) {
            Span span = spans.get(end);
            return span != null && span.alert && span.lastRow == row;
        }
    }
}

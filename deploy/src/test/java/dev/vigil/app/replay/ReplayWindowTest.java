package dev.vigil.app.replay;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import dev.vigil.app.cli.ReplayCli;
import dev.vigil.contracts.Observation;
import dev.vigil.contracts.Score;
import dev.vigil.detection.DetectionEngine;
import dev.vigil.detection.DetectionSettings;
import dev.vigil.detection.logs.LogSettings;
import dev.vigil.detection.state.InputJournal;
import dev.vigil.detection.state.StateSnapshots;
import dev.vigil.detection.users.UserSettings;
import dev.vigil.scoring.config.DetectorConfigLoader;
import dev.vigil.scoring.config.DetectorDefinition;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --window} gives the live pipeline's answers on raw points: a file of a point per second (out of order within
 * the allowed lateness here and there, once beyond it) replayed into one-minute windows scores every row as the live
 * {@link DetectionEngine} scores the window its point falls in, when the same points reach it as batches stamped on
 * arrival, the shipped lateness (10 s) included. Without {@code --window} the same file is a window per point, and a
 * shift of a minute that its mean shows clearly stays inside each point's own noise.
 */
class ReplayWindowTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String DETECTORS = """
            detectors:
              load-mean:
                stream: metrics
                metrics: [load]
                feature: mean
                baseline: {min-values: 5}
                scorers: {robust-z: {threshold: 3.5}}
            """;
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Duration LATENESS = Duration.ofSeconds(10);
    private static final int MINUTES = 40;

    @TempDir
    Path work;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** One raw point: its time, its value, and whether it comes too late for its window. */
    private record Point(Instant at, double value, boolean late) {
    }

    @Test
    void rewindowedRowsScoreAsTheLiveEngineScoresTheirWindowsLatenessIncluded() throws Exception {
        List<Point> points = rawPoints();

        List<String> out = replay(points, "--window", "1m");

        assertThat(out).hasSize(points.size() + 1);
        Map<Instant, Score> live = live(points);
        assertThat(live).as("a score for every minute past the warm-up").hasSize(MINUTES - 5);
        assertThat(live.get(minuteEnd(13)).features()).as("the point 5 s late is in its window")
                .containsEntry("count", 61.0);
        assertThat(live.get(minuteEnd(20)).features()).as("the point 27 s late is dropped").containsEntry("count", 60.0);
        for (int r = 0; r < points.size(); r++) {
            Point p = points.get(r);
            Score window = live.get(end(p.at()));
            String expected = p.late() || window == null ? "0" : ReplayResults.format(window.score());
            assertThat(out.get(r + 1).split(",")[2]).as("row %d at %s", r + 1, p.at()).isEqualTo(expected);
        }
        assertThat(err()).contains("the rows' points go into the live windows of 1m (allowed lateness 10s, idle timeout 2m)")
                .contains("1 rows too late for their windows");
        assertThat(live.get(minuteEnd(30)).anomalous()).as("the shifted minute").isTrue();
        assertThat(anomalousRows(out, points, 30)).as("every row of the shifted minute").isEqualTo(60);
    }

    @Test
    void withoutWindowEachRawPointIsAWindowOfItsOwnAndTheShiftIsNotSeen() throws Exception {
        List<Point> points = rawPoints();

        List<String> out = replay(points);

        assertThat(anomalousRows(out, points, 30)).as("points of the shifted minute judged each on its own")
                .isLessThan(6);
        assertThat(err()).contains("each row is one closed window");
    }

    @Test
    void lateAndIdleOptionsGoWithWindowAndSpansAreChecked() throws Exception {
        Path file = write(rawPoints().subList(0, 10));
        PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);
        String out = work.resolve("out").toString();

        assertThat(ReplayCli.run(new String[] {"--input", file.toString(), "--output", out, "--lateness", "5s"}, stream))
                .isEqualTo(2);
        assertThat(ReplayCli.run(new String[] {"--input", file.toString(), "--output", out, "--window", "a minute"}, stream)).isEqualTo(2);
        assertThat(ReplayCli.run(new String[] {"--input", file.toString(), "--output", out, "--window", "0s"}, stream)).isEqualTo(2);

        assertThat(err()).contains("--lateness and --idle-timeout go with --window")
                .contains("--window: 'a minute' is not a span of time such as 500ms, 10s, 1m, 2h, 7d or PT1M")
                .contains("--window must be at least 1ms");
        assertThat(work.resolve("out")).doesNotExist();
    }

    /**
     * 40 minutes of a point a second around 10 (noise sigma 2), minute 30 shifted by +1.5; at 13:30 a point stamped
     * 5 s earlier arrives (within the lateness), after 21:26 one stamped 20:59 (beyond it, late).
     */
    private static List<Point> rawPoints() {
        Random random = new Random(11);
        List<Point> points = new ArrayList<>();
        for (int s = 0; s < MINUTES * 60; s++) {
            Instant at = T0.plusSeconds(s);
            // to four decimals, as the file has it
            double value = Math.round((10 + 2 * random.nextGaussian() + (s / 60 == 30 ? 1.5 : 0)) * 1e4) / 1e4;
            points.add(new Point(at, value, false));
            if (s == 13 * 60 + 30) {
                points.add(new Point(at.minusSeconds(5), 10.2, false));
            }
            if (s == 21 * 60 + 26) {
                points.add(new Point(minuteEnd(20).minusSeconds(1), 10.3, true));
            }
        }
        return points;
    }

    /** Rows of the minute whose score is past the decision boundary. */
    private static long anomalousRows(List<String> out, List<Point> points, int minute) {
        long count = 0;
        for (int r = 0; r < points.size(); r++) {
            if (end(points.get(r).at()).equals(minuteEnd(minute))
                    && Double.parseDouble(out.get(r + 1).split(",")[2]) > 0.5) {
                count++;
            }
        }
        return count;
    }

    private static Instant minuteEnd(int minute) {
        return T0.plus(Duration.ofMinutes(minute + 1));
    }

    /** Replays the points with the test's detector and these options; the output's lines. */
    private List<String> replay(List<Point> points, String... options) throws IOException {
        Path file = write(points);
        Path config = Files.writeString(work.resolve("detectors.yaml"), DETECTORS);
        List<String> args = new ArrayList<>(List.of("--input", file.toString(), "--output", work.resolve("out").toString(),
                "--config", config.toString()));
        args.addAll(List.of(options));

        int code = ReplayCli.run(args.toArray(String[]::new), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).as(err()).isZero();
        return Files.readAllLines(work.resolve("out/in/raw.csv"));
    }

    private Path write(List<Point> points) throws IOException {
        StringBuilder csv = new StringBuilder("timestamp,load\n");
        points.forEach(p -> csv.append(p.at()).append(',').append(p.value()).append('\n'));
        Path folder = Files.createDirectories(work.resolve("in"));
        return Files.writeString(folder.resolve("raw.csv"), csv);
    }

    private static Instant end(Instant at) {
        long span = WINDOW.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), span) * span + span);
    }

    /**
     * The live engine on the same points: each one a batch as a source hands it on, the wall clock at its arrival (the
     * newest time so far, as producers stamp what they send), then quiet until the idle check closes what is open.
     * Its scores by window end.
     */
    private Map<Instant, Score> live(List<Point> points) throws InputJournal.JournalException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:replay-window-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        List<DetectorDefinition> definitions = new DetectorConfigLoader()
                .load(new ByteArrayInputStream(DETECTORS.getBytes(StandardCharsets.UTF_8)), "detectors.yaml");
        DetectionSettings settings = new DetectionSettings(WINDOW, LATENESS, Duration.ofMinutes(2), Duration.ofDays(7),
                new DetectionSettings.Quiet(false, 5, Duration.ofMinutes(5)), 3);
        UserSettings users = new UserSettings(Duration.ofMinutes(1), Duration.ZERO, ZoneOffset.UTC, Set.of("login"),
                Set.of("update"), 10, 10, work.resolve("models"));
        WallClock wall = new WallClock(T0);
        DetectionEngine engine = new DetectionEngine(settings, definitions, List.of(), LogSettings.standard(), users,
                new StateSnapshots(h2), InputJournal.NONE, new SimpleMeterRegistry(), wall);
        List<Score> scores = new ArrayList<>();
        for (Point p : points) {
            wall.arrive(p.at());
            scores.addAll(engine.onObservations(List.of(new Observation("replay", "load", new TreeMap<>(), p.at(),
                    p.value()))));
        }
        wall.arrive(wall.instant().plus(Duration.ofMinutes(3)));
        scores.addAll(engine.closeIdle());
        Map<Instant, Score> byEnd = new HashMap<>();
        scores.forEach(s -> assertThat(byEnd.put(s.timestamp(), s)).as("one score a window").isNull());
        return byEnd;
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** The wall clock of the live run: the newest arrival. */
    private static final class WallClock extends Clock {

        private Instant now;

        WallClock(Instant now) {
            this.now = now;
        }

        void arrive(Instant at) {
            if (at.isAfter(now)) {
                now = at;
            }
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

package dev.vigil.detection;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

import dev.vigil.contracts.LogEvent;
import dev.vigil.contracts.LogLevel;
import dev.vigil.contracts.Observation;
import dev.vigil.contracts.Score;
import dev.vigil.detection.logs.LogSettings;
import dev.vigil.detection.state.InputJournal;
import dev.vigil.detection.state.JdbcInputJournal;
import dev.vigil.detection.state.StateSnapshots;
import dev.vigil.detection.users.UserSettings;
import dev.vigil.scoring.config.DetectorConfigLoader;
import dev.vigil.scoring.config.DetectorDefinition;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A halted process loses no acknowledged input with its window: an engine dropped without saving anything (as a
 * {@code kill -9} leaves it) and a new one built on the same database score the window that was open in full, from
 * the input journal; windows scored before the halt are not scored again; rows no window needs are forgotten. Real H2
 * database in a file, migrated by the project's Flyway scripts.
 */
class CrashConsistencyTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String DETECTORS = """
            detectors:
              counted:
                stream: metrics
                feature: count
                baseline: {min-values: 3}
                scorers: {robust-z: {}}
              log-novelty:
                stream: logs
                model: {novelty: {period: 1h, warm-up-lines: 10}}
            """;
    private static final int DEVICES = 3;
    private static final int PER_MINUTE = 50;

    @TempDir
    Path folder;

    private DataSource database;
    private final MutableClock wall = new MutableClock(T0.plusSeconds(3600));

    @BeforeEach
    void database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + folder.resolve("vigil") + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        database = h2;
    }

    @Test
    void theWindowOpenAtAHaltIsScoredInFullAfterTheRestart() throws Exception {
        DetectionEngine before = engine();
        List<Score> scoredBefore = new ArrayList<>();
        for (int minute = 0; minute < 6; minute++) {
            scoredBefore.addAll(readings(before, minute, PER_MINUTE));
        }
        // minute 6 is open: 15 readings of each device taken in (and acknowledged) when the process halts
        scoredBefore.addAll(readings(before, 6, 15));
        assertThat(scoredBefore).as("minutes 0 to 4 closed and scored (min-values 3: from minute 3)")
                .extracting(Score::timestamp).contains(minute(4), minute(5));
        before.saveState(); // the timer's last snapshot before the halt

        // halt: nothing more is saved; a new process starts on the same database
        DetectionEngine after = engine();
        List<Score> scoredAfter = new ArrayList<>(readings(after, 6, PER_MINUTE - 15));
        scoredAfter.addAll(readings(after, 7, 1)); // closes minute 6

        List<Score> minute6 = scoredAfter.stream().filter(s -> s.timestamp().equals(minute(7))).toList();
        assertThat(minute6).hasSize(DEVICES)
                .allSatisfy(s -> assertThat(s.features()).as("every reading of the window, before and after the halt")
                        .containsEntry("count", (double) PER_MINUTE));
        assertThat(scoredAfter).as("no window scored twice").noneMatch(s -> !s.timestamp().isAfter(minute(6)));
    }

    /**
     * Halted before the first save of the learned state: the journal kept every input since the start, so the new
     * engine relearns what the detectors knew (no warm-up again) and scores the idle window in full once its idle
     * timeout from the restart has passed.
     */
    @Test
    void aWindowIdleAtTheHaltIsScoredInFullAfterTheRestartByDetectorsThatRelearned() throws Exception {
        DetectionEngine before = engine();
        for (int minute = 0; minute < 5; minute++) {
            readings(before, minute, PER_MINUTE);
            before.closeIdle(); // the idle check's timer
        }
        readings(before, 5, 20);

        wall.advance(Duration.ofMinutes(10)); // down for ten minutes
        DetectionEngine after = engine();
        wall.advance(Duration.ofMinutes(2)); // its idle timeout from the restart, with nothing from its source
        List<Score> idle = after.closeIdle();

        assertThat(idle).filteredOn(s -> s.timestamp().equals(minute(6))).hasSize(DEVICES)
                .allSatisfy(s -> assertThat(s.features()).containsEntry("count", 20.0));
        after.saveState();
        after.closeIdle();
        assertThat(journalRows()).as("no open window left, and the state saved: no row needed").isZero();
    }

    /**
     * Down for longer than the idle timeout: the restored windows wait their whole idle timeout from the restart for
     * what the source kept meanwhile (an MQTT session's backlog), instead of closing at the first idle check.
     */
    @Test
    void aRestartLongerThanTheIdleTimeoutStillWaitsForWhatTheSourcesKept() throws Exception {
        DetectionEngine before = engine();
        for (int minute = 0; minute < 5; minute++) {
            readings(before, minute, PER_MINUTE);
        }
        readings(before, 5, 20);
        before.saveState();

        wall.advance(Duration.ofMinutes(3)); // down for longer than the two-minute idle timeout
        DetectionEngine after = engine();
        assertThat(after.closeIdle()).as("the restart's first idle check").isEmpty();
        List<Score> scores = new ArrayList<>(readings(after, 5, PER_MINUTE - 20)); // the backlog
        scores.addAll(readings(after, 6, 1));

        assertThat(scores).filteredOn(s -> s.timestamp().equals(minute(6))).hasSize(DEVICES)
                .allSatisfy(s -> assertThat(s.features()).containsEntry("count", (double) PER_MINUTE));
    }

    @Test
    void aServiceLogWindowOpenAtAHaltCountsEveryLineAfterTheRestart() throws Exception {
        DetectionEngine before = engine();
        for (int minute = 0; minute < 3; minute++) {
            lines(before, minute, 0, 40);
        }
        lines(before, 3, 0, 25);

        DetectionEngine after = engine();
        lines(after, 3, 25, 40);
        List<Score> scores = lines(after, 4, 0, 1);

        assertThat(scores).filteredOn(s -> s.timestamp().equals(minute(4))).singleElement()
                .satisfies(s -> assertThat(s.features()).containsEntry("events", 40.0));
    }

    @Test
    void rowsNoOpenWindowNeedsAreForgottenAtTheIdleCheck() throws Exception {
        DetectionEngine engine = engine();
        for (int minute = 0; minute < 4; minute++) {
            readings(engine, minute, 10);
        }
        assertThat(journalRows()).isEqualTo(4 * 10);

        engine.closeIdle();
        assertThat(journalRows()).as("no learned state saved yet: every row is needed to relearn").isEqualTo(4 * 10);
        engine.saveState();
        engine.closeIdle();
        assertThat(journalRows()).as("only minute 3's batches, its window still open, are needed").isEqualTo(10);
        wall.advance(Duration.ofMinutes(5));
        engine.closeIdle();
        assertThat(journalRows()).isZero();
    }

    /** {@code count} batches of one reading of each device, as a source hands them on; the scores they gave. */
    private static List<Score> readings(DetectionEngine engine, int minute, int count) {
        List<Score> scores = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Observation> batch = new ArrayList<>();
            for (int d = 0; d < DEVICES; d++) {
                TreeMap<String, String> tags = new TreeMap<>(Map.of("device", "d" + d));
                Instant at = minute(minute).plusMillis(1000L * i + 11);
                batch.add(new Observation("mqtt", Observation.seriesName("load", tags), tags, at, 10 + i % 3));
            }
            scores.addAll(engine.onObservations(batch));
        }
        return scores;
    }

    /** Lines {@code from} to {@code to} of a minute of one service, a batch each. */
    private static List<Score> lines(DetectionEngine engine, int minute, int from, int to) {
        List<Score> scores = new ArrayList<>();
        for (int i = from; i < to; i++) {
            scores.addAll(engine.onLogEvents(List.of(new LogEvent("kafka", "checkout", minute(minute).plusSeconds(i),
                    LogLevel.INFO, "order " + (1000 + i) + " confirmed", Map.of()))));
        }
        return scores;
    }

    private DetectionEngine engine() throws InputJournal.JournalException {
        List<DetectorDefinition> definitions = new DetectorConfigLoader()
                .load(new ByteArrayInputStream(DETECTORS.getBytes(StandardCharsets.UTF_8)), "detectors.yaml");
        DetectionSettings settings = new DetectionSettings(Duration.ofMinutes(1), Duration.ZERO, Duration.ofMinutes(2),
                Duration.ofDays(7), new DetectionSettings.Quiet(false, 5, Duration.ofMinutes(5)), 3);
        UserSettings users = new UserSettings(Duration.ofMinutes(1), Duration.ZERO, ZoneOffset.UTC, Set.of("login"),
                Set.of("update"), 10, 10, folder.resolve("models"));
        return new DetectionEngine(settings, definitions, List.of(), LogSettings.standard(), users,
                new StateSnapshots(database), new JdbcInputJournal(database), new SimpleMeterRegistry(), wall);
    }

    private int journalRows() throws Exception {
        try (Connection connection = database.getConnection(); Statement query = connection.createStatement();
                ResultSet count = query.executeQuery("SELECT COUNT(*) FROM input_journal")) {
            count.next();
            return count.getInt(1);
        }
    }

    private static Instant minute(int m) {
        return T0.plus(Duration.ofMinutes(m));
    }

    /** The wall clock, moved by the test. */
    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
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

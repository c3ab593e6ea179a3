package dev.vigil.app.logs;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.vigil.app.detection.ConfiguredDetector;
import dev.vigil.app.detection.StateSnapshots;
import dev.vigil.app.testing.HdfsLikeLogs;
import dev.vigil.features.FeatureVector;
import dev.vigil.features.logs.DrainParameters;
import dev.vigil.features.logs.ServiceTemplates;
import dev.vigil.features.logs.TemplateOverrides;
import dev.vigil.ingest.LogEvent;
import dev.vigil.ingest.LogLevel;
import dev.vigil.scoring.Score;
import dev.vigil.scoring.config.DetectorConfigLoader;
import dev.vigil.scoring.config.DetectorDefinition;
import dev.vigil.scoring.config.DetectorFactory;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log stream on generated HDFS-like lines, without the application around it: templates, per-template rates,
 * new error templates and both session models, each score with its evidence; and the templates and models surviving
 * a restart through the real snapshot table (H2, migrated by the project's Flyway scripts).
 */
class LogDetectionTest {

    private static final Instant T0 = Instant.parse("2026-01-06T10:00:00Z");
    private static final Instant WALL = Instant.parse("2030-01-01T00:00:00Z");
    private static final String DETECTORS = """
            detectors:
              log-errors:
                stream: logs
                scorers: {robust-z: {}, cusum: {}}
              log-template-rates:
                stream: log-templates
                scorers: {robust-z: {threshold: 4}, cusum: {k: 1, h: 8}}
              log-new-errors:
                stream: logs
                model: {novelty: {period: 1h, warm-up-lines: 500}}
              log-session-counts:
                stream: log-sessions
                model: {invariants: {training: 200}}
              log-session-order:
                stream: log-sessions
                model: {transitions: {training: 200, limit-bits: 11}}  # a step unseen after one seen 600 times: 12.6 bits
            """;
    private static final int BURST = 25;

    private final List<DetectorDefinition> definitions = new DetectorConfigLoader()
            .load(new ByteArrayInputStream(DETECTORS.getBytes(StandardCharsets.UTF_8)), "detectors.yaml");
    private final List<Score> scores = new ArrayList<>();
    private final List<FeatureVector> heard = new ArrayList<>();
    private final List<Instant> closedBy = new ArrayList<>();
    private final LogScores out = new LogScores() {
        @Override
        public void heard(FeatureVector window) {
            heard.add(window);
        }

        @Override
        public void score(Score score) {
            scores.add(score);
        }

        @Override
        public void closedBy(Instant eventTime) {
            closedBy.add(eventTime);
        }
    };

    private LogDetection detection() {
        return detection(TemplateOverrides.NONE);
    }

    private LogDetection detection(TemplateOverrides overrides) {
        return detection(overrides, definitions);
    }

    private static LogDetection detection(TemplateOverrides overrides, List<DetectorDefinition> definitions) {
        LogSettings settings = new LogSettings(
                Map.of("hdfs", new LogSettings.SourceSettings(DrainParameters.defaults(), Pattern.compile("blk_-?\\d+"))),
                new LogSettings.SourceSettings(DrainParameters.defaults(), null),
                new LogSettings.SessionLimits(Duration.ofSeconds(30), 10_000, 1_000), overrides, 100);
        List<ConfiguredDetector> series = definitions.stream().filter(d -> !d.modelled())
                .map(d -> ConfiguredDetector.of(d, DetectorFactory.create(d))).toList();
        return new LogDetection(settings, Duration.ofMinutes(1), Duration.ZERO, Duration.ofMinutes(2), series,
                definitions.stream().filter(DetectorDefinition::modelled).toList());
    }

    private static void feed(LogDetection detection, HdfsLikeLogs logs, int from, int to, LogScores out) {
        for (int minute = from; minute < to; minute++) {
            List<LogEvent> batch = new ArrayList<>();
            for (HdfsLikeLogs.Line line : logs.minute(minute, 20, minute >= BURST && minute < BURST + 3 ? 8 : 0)) {
                batch.add(new LogEvent("hdfs", "datanode", line.at(), LogLevel.parse(line.level()), line.message(), Map.of()));
            }
            detection.onEvents(batch, WALL, out);
        }
    }

    private List<Score> anomalous(String detector) {
        return scores.stream().filter(s -> s.detector().equals(detector) && s.anomalous()).toList();
    }

    private static Instant minute(int m) {
        return T0.plus(Duration.ofMinutes(m));
    }

    @Test
    void aFailureBurstIsExplainedByEveryLogDetectorAndTheNormalStretchIsNot() {
        LogDetection detection = detection();
        feed(detection, new HdfsLikeLogs(1, T0), 0, BURST + 8, out);
        detection.closeIdle(WALL.plusSeconds(120), out);

        // every model was ready well before the burst, and was quiet until it
        for (String detector : List.of("log-new-errors", "log-session-counts", "log-session-order")) {
            assertThat(scores).as(detector + " scored the normal stretch")
                    .anyMatch(s -> s.detector().equals(detector) && s.timestamp().isBefore(minute(BURST)));
            assertThat(anomalous(detector)).as(detector).isNotEmpty()
                    .allMatch(s -> !s.timestamp().isBefore(minute(BURST + 1)) && !s.timestamp().isAfter(minute(BURST + 4)));
        }
        assertThat(heard).hasSize(BURST + 8);

        Score novel = anomalous("log-new-errors").get(0);
        assertThat(novel.entity()).isEqualTo("datanode");
        assertThat(novel.explanation().summary()).startsWith("1 new template(s) at ERROR level, 8 error line(s) in this "
                + "window; 'writeBlock blk_<*> received exception java.io.IOException: Connection reset by peer' first seen "
                + "2026-01-06T10:25:00");
        assertThat(novel.explanation().evidence()).hasSize(3);
        assertThat(novel.explanation().evidence().get(1)).matches("e\\.g\\. 2026-01-06T10:25:\\S+ ERROR writeBlock blk_\\d+ "
                + "received exception java.io.IOException: Connection reset by peer");

        Score counts = anomalous("log-session-counts").get(0);
        assertThat(counts.explanation().summary()).matches("\\d+ of \\d+ session\\(s\\) closed in this window out of "
                + "pattern; worst session blk_-?\\d+: 1 event\\(s\\) never seen in normal sessions, 6 of 10 count invariants "
                + "broken: 'writeBlock blk_<\\*> received exception java.io.IOException: Connection reset by peer' ×1, never "
                + "in the 200 normal sessions");
        assertThat(counts.explanation().evidence()).anyMatch(e -> e.matches("session blk_-?\\d+: 'writeBlock blk_<\\*> received "
                + "exception java.io.IOException: Connection reset by peer' ×1, never in the 200 normal sessions: "
                + "\"writeBlock blk_\\d+ received exception .*\""));

        Score order = anomalous("log-session-order").get(0);
        assertThat(order.explanation().evidence()).isNotEmpty()
                .allMatch(e -> e.startsWith("session blk_") && e.contains("of ") && e.contains("times in normal sessions"));

        Score errors = anomalous("log-errors").get(0);
        assertThat(errors.timestamp()).isEqualTo(minute(BURST + 1));
        assertThat(errors.explanation().summary()).startsWith("error_count observed 8.000 vs expected 0.000");
        assertThat(errors.explanation().evidence().get(0)).isEqualTo("8× 'writeBlock blk_<*> received exception "
                + "java.io.IOException: Connection reset by peer' (8 errors) [template " + novelId(novel) + "]");

        List<Score> slow = anomalous("log-template-rates").stream()
                .filter(s -> s.explanation().evidence().get(0).contains("'Slow BlockReceiver write packet to mirror took"))
                .toList();
        assertThat(slow).isNotEmpty().allMatch(s -> !s.timestamp().isBefore(minute(BURST + 1)));
        assertThat(slow.get(0).entity()).startsWith("datanode{template=");
        assertThat(slow.get(0).labels()).containsEntry("service", "datanode").containsKey("template");
        assertThat(slow.get(0).explanation().evidence().get(0)).contains(" line(s) in this window, usually 1 ± ");
        assertThat(slow.get(0).explanation().evidence()).anyMatch(e -> e.contains(" WARN Slow BlockReceiver write packet"));
    }

    @Test
    void windowsClosedByAnEventReportThatEventsTimeAndIdleClosesDoNot() {
        LogDetection detection = detection();
        feed(detection, new HdfsLikeLogs(3, T0), 0, 5, out);
        detection.closeIdle(WALL.plusSeconds(120), out);

        assertThat(heard).hasSize(5);
        // the windows of minutes 0..3 closed when the first line of the next minute came; minute 4's by the idle check
        assertThat(closedBy).hasSize(4);
        for (int m = 0; m < 4; m++) {
            assertThat(closedBy.get(m)).isBetween(minute(m + 1), minute(m + 2).minusNanos(1));
        }
    }

    private static String novelId(Score novel) {
        return novel.explanation().evidence().get(0).split(" ")[2];
    }

    @Test
    void templatesAndTrainedModelsSurviveARestart() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:logs-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        StateSnapshots snapshots = new StateSnapshots(dataSource);
        HdfsLikeLogs logs = new HdfsLikeLogs(2, T0);
        LogDetection before = detection();
        feed(before, logs, 0, 15, out);
        before.closeIdle(WALL.plusSeconds(120), out);
        int templates = before.templates();
        before.save(snapshots);
        scores.clear();
        heard.clear();

        LogDetection after = detection();
        after.restore(snapshots);
        assertThat(after.templates()).isEqualTo(templates);
        feed(after, logs, 15, BURST + 2, out);

        assertThat(after.templates()).as("only the failure's template is new").isEqualTo(templates + 1);
        assertThat(heard.get(0).windowStart()).isEqualTo(minute(15));
        assertThat(heard.get(0).feature("new_templates")).as("the known lines met known templates").isZero();
        // the session models were trained before the restart: they judge the very first sessions after it
        assertThat(scores).anyMatch(s -> s.detector().equals("log-session-counts") && s.timestamp().equals(minute(16)));
        assertThat(scores).anyMatch(s -> s.detector().equals("log-session-order") && s.timestamp().equals(minute(16)));
        // the known templates are not news after the restart; the failure's error template is
        assertThat(anomalous("log-new-errors")).isNotEmpty().allMatch(s -> !s.timestamp().isBefore(minute(BURST + 1)));
        assertThat(anomalous("log-session-counts")).isNotEmpty().allMatch(s -> !s.timestamp().isBefore(minute(BURST + 1)));
        assertThat(scores.stream().filter(s -> s.detector().equals("log-new-errors") && s.timestamp().isBefore(minute(BURST))))
                .isNotEmpty();
    }

    @Test
    void anIgnoredTemplateCountsInNoFeatureAndARenamedOneIsShownByItsName() {
        ServiceTemplates learned = new ServiceTemplates(DrainParameters.defaults(), TemplateOverrides.NONE);
        HdfsLikeLogs sample = new HdfsLikeLogs(1, T0);
        for (int minute = 0; minute < BURST + 3; minute++) {
            for (HdfsLikeLogs.Line line : sample.minute(minute, 20, minute >= BURST ? 8 : 0)) {
                learned.learn(new LogEvent("hdfs", "datanode", line.at(), LogLevel.parse(line.level()), line.message(), Map.of()));
            }
        }
        String slow = id(learned, "Slow BlockReceiver");
        String reset = id(learned, "writeBlock");
        LogDetection detection = detection(TemplateOverrides.NONE.ignore(slow).rename(reset, "connection-reset"));

        feed(detection, new HdfsLikeLogs(1, T0), 0, BURST + 3, out);

        assertThat(heard).isNotEmpty().allMatch(w -> w.feature("warn_count") == 0 && !w.features().containsKey("template:" + slow));
        assertThat(scores).noneMatch(s -> s.entity().contains(slow));
        assertThat(anomalous("log-new-errors").get(0).explanation().evidence().get(0)).isEqualTo("new template " + reset
                + " connection-reset 'writeBlock blk_<*> received exception java.io.IOException: Connection reset by peer', "
                + "first seen " + learned.birth(reset).orElseThrow().at());
    }

    @Test
    void aTemplateIsScoredForTheDetectorsMemoryAfterItsLastLineAndThenLeftAlone() {
        List<DetectorDefinition> rates = new DetectorConfigLoader().load(new ByteArrayInputStream("""
                detectors:
                  rates:
                    stream: log-templates
                    baseline: {window: 5, min-values: 2}
                    scorers: {robust-z: {}}
                """.getBytes(StandardCharsets.UTF_8)), "detectors.yaml");
        LogDetection detection = detection(TemplateOverrides.NONE, rates);
        for (int minute = 0; minute < 12; minute++) {
            Instant at = minute(minute).plusSeconds(1);
            List<LogEvent> batch = new ArrayList<>();
            batch.add(new LogEvent("api", "gateway", at, LogLevel.INFO, "request served in 12 ms", Map.of()));
            if (minute < 3) {
                batch.add(new LogEvent("api", "gateway", at, LogLevel.INFO, "cache warmed with 300 entries", Map.of()));
            }
            detection.onEvents(batch, WALL, out);
        }

        List<Instant> cache = scores.stream().filter(s -> s.detector().equals("rates"))
                .filter(s -> s.explanation().evidence().get(0).contains("'cache warmed")).map(Score::timestamp).toList();
        // scores carry the window's end: warmed up by the third window (min-values 2); its last line, in minute 2, is
        // within 5 windows of the ends 3:00 to 7:00 only
        assertThat(cache).containsExactly(minute(3), minute(4), minute(5), minute(6), minute(7));
        assertThat(scores).filteredOn(s -> s.explanation().evidence().get(0).contains("'request served"))
                .extracting(Score::timestamp).last().isEqualTo(minute(11));
    }

    private static String id(ServiceTemplates templates, String start) {
        return templates.templates().stream().filter(t -> t.text().startsWith(start)).findFirst().orElseThrow().id();
    }
}

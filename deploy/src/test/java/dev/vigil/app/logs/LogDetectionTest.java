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
import dev.vigil.alerting.Alert;
import dev.vigil.alerting.AlertStatus;
import dev.vigil.alerting.config.AlertingConfigLoader;
import dev.vigil.alerting.lifecycle.AlertLifecycle;
import dev.vigil.alerting.lifecycle.ConfirmationPolicy;
import dev.vigil.alerting.severity.SeverityRanking;
import dev.vigil.app.testing.HdfsLikeLogs;
import dev.vigil.app.testing.ShopLogs;
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
    /** Every score: the detectors' and the incidents'. */
    private final List<Score> scores = new ArrayList<>();
    /** What goes to the alert lifecycle: one incident per service window. */
    private final List<Score> incidents = new ArrayList<>();
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
            incidents.add(score);
        }

        @Override
        public void kept(Score score) {
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
                new LogSettings.SessionLimits(Duration.ofSeconds(30), 10_000, 1_000), overrides, 100, true);
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

    /** The real snapshot table, in a fresh H2 database migrated by the project's Flyway scripts. */
    private static StateSnapshots snapshots() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:logs-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return new StateSnapshots(dataSource);
    }

    @Test
    void templatesAndTrainedModelsSurviveARestart() throws Exception {
        StateSnapshots snapshots = snapshots();
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
        assertThat(scores).filteredOn(s -> s.detector().equals("rates"))
                .filteredOn(s -> s.explanation().evidence().get(0).contains("'request served"))
                .extracting(Score::timestamp).last().isEqualTo(minute(11));
    }

    /**
     * The burst with the shipped detectors and alerting lifecycle: 1,000 error lines of five templates in two
     * minutes of a checkout service whose routine lines thin out meanwhile. One incident: its findings name the
     * rising error templates, the new ones and the error count; the routine templates that fell are not judged on
     * their own; the lifecycle fires once and resolves once.
     */
    @Test
    void oneErrorBurstInOneServiceIsOneIncidentNamingItsTemplates() {
        LogDetection detection = detection(TemplateOverrides.NONE, shippedLogDetectors());
        AlertLifecycle lifecycle = new AlertLifecycle(new ConfirmationPolicy(2, 3, 3),
                new AlertingConfigLoader(List.of("console")).loadDefault().lifecycle(), SeverityRanking.SCORE_ONLY);
        ShopLogs shop = new ShopLogs(5, T0);
        List<Alert> alerts = new ArrayList<>();
        for (int minute = 0; minute < 60; minute++) {
            boolean outage = minute == 40 || minute == 41;
            List<LogEvent> batch = shop.minute(minute, 100, outage ? 500 : 0, 0).stream()
                    .map(l -> new LogEvent("kafka", "checkout", l.at(), LogLevel.parse(l.level()), l.message(), Map.of()))
                    .toList();
            int from = incidents.size();
            detection.onEvents(batch, WALL, out);
            incidents.subList(from, incidents.size()).forEach(s -> lifecycle.onScore(s).ifPresent(alerts::add));
        }

        assertThat(incidents).allMatch(s -> s.detector().equals("logs") && s.entity().equals("checkout"));
        assertThat(alerts).extracting(Alert::status).containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
        List<Score> anomalous = incidents.stream().filter(Score::anomalous).toList();
        assertThat(anomalous).extracting(Score::timestamp).containsExactly(minute(41), minute(42));

        List<String> findings = anomalous.stream().flatMap(s -> s.explanation().findings().stream())
                .map(f -> f.description()).toList();
        assertThat(findings).anyMatch(f -> f.startsWith("log-errors: error_count observed 500"));
        assertThat(findings).anyMatch(f -> f.startsWith("log-new-errors: 5 new template(s) at ERROR level"));
        for (String error : List.of("'payment gateway timeout after <*> ms for order <*>'",
                "'database connection refused by db-<*> after <*> ms'", "'card declined for order <*>: issuer unavailable, code <*>'")) {
            assertThat(findings).as(error).anyMatch(f -> f.contains(error));
        }
        assertThat(findings.stream().filter(f -> f.startsWith("log-template-rates")))
                .as("only error templates rise; the routine ones that fell are no finding of the incident")
                .allMatch(f -> f.contains("timeout") || f.contains("refused") || f.contains("declined")
                        || f.contains("circuit breaker"));
        List<Score> fell = scores.stream()
                .filter(s -> s.detector().equals("log-template-rates") && s.timestamp().isAfter(minute(40))
                        && s.timestamp().isBefore(minute(44)))
                .filter(s -> s.explanation().observed() < s.explanation().expected()).toList();
        assertThat(fell).as("routine templates fell").isNotEmpty().noneMatch(Score::anomalous)
                .anyMatch(s -> s.explanation().evidence().get(0).startsWith("falls while "));
        Score first = anomalous.get(0);
        assertThat(first.explanation().evidence()).hasSizeLessThanOrEqualTo(LogIncident.EVIDENCE)
                .anyMatch(e -> e.startsWith("new template ")).anyMatch(e -> e.startsWith("e.g. "));
    }

    /** Rare errors now and then (0.5 % of lines): each new kind is news once, across a restart too, so nothing flaps. */
    @Test
    void aSteadyBackgroundOfRareErrorsIsNewsOnceAndDoesNotFlap() throws Exception {
        StateSnapshots snapshots = snapshots();
        LogDetection detection = detection(TemplateOverrides.NONE, shippedLogDetectors());
        AlertLifecycle lifecycle = new AlertLifecycle(new ConfirmationPolicy(2, 3, 3),
                new AlertingConfigLoader(List.of("console")).loadDefault().lifecycle(), SeverityRanking.SCORE_ONLY);
        ShopLogs shop = new ShopLogs(9, T0);
        List<Alert> firing = new ArrayList<>();
        for (int minute = 0; minute < 90; minute++) {
            if (minute == 60) {
                detection.save(snapshots);
                detection = detection(TemplateOverrides.NONE, shippedLogDetectors());
                detection.restore(snapshots);
            }
            double rare = minute < 20 ? 0 : 0.005;
            List<LogEvent> batch = shop.minute(minute, 100, 0, rare).stream()
                    .map(l -> new LogEvent("kafka", "checkout", l.at(), LogLevel.parse(l.level()), l.message(), Map.of()))
                    .toList();
            int from = incidents.size();
            detection.onEvents(batch, WALL, out);
            incidents.subList(from, incidents.size()).forEach(s -> lifecycle.onScore(s)
                    .filter(a -> a.status() == AlertStatus.FIRING).ifPresent(firing::add));
        }

        List<Score> news = anomalous("log-new-errors");
        assertThat(news).as("each of the three rare kinds is new once").hasSizeBetween(1, ShopLogs.RARE.size());
        assertThat(firing).as("at most one alert per new kind, none for its recurrences").hasSizeLessThanOrEqualTo(news.size());
    }

    private static List<DetectorDefinition> shippedLogDetectors() {
        return new DetectorConfigLoader().loadDefault().stream().filter(LogDetection::reads).toList();
    }

    private static String id(ServiceTemplates templates, String start) {
        return templates.templates().stream().filter(t -> t.text().startsWith(start)).findFirst().orElseThrow().id();
    }
}

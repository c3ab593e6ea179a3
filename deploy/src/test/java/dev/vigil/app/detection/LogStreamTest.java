package dev.vigil.app.detection;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import dev.vigil.alerting.config.AlertingConfigLoader;
import dev.vigil.alerting.lifecycle.AlertLifecycle;
import dev.vigil.alerting.lifecycle.ConfirmationPolicy;
import dev.vigil.alerting.severity.SeverityRanking;
import dev.vigil.app.testing.HdfsLikeLogs;
import dev.vigil.app.testing.ShopLogs;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.LogEvent;
import dev.vigil.contracts.LogLevel;
import dev.vigil.contracts.Score;
import dev.vigil.detection.ConfiguredDetector;
import dev.vigil.detection.DetectionDelay;
import dev.vigil.detection.DetectionSettings;
import dev.vigil.detection.logs.LogSettings;
import dev.vigil.detection.logs.LogStream;
import dev.vigil.detection.state.StateSnapshots;
import dev.vigil.features.logs.DrainParameters;
import dev.vigil.features.logs.ServiceTemplates;
import dev.vigil.features.logs.TemplateOverrides;
import dev.vigil.scoring.config.DetectorConfigLoader;
import dev.vigil.scoring.config.DetectorDefinition;
import dev.vigil.scoring.config.DetectorFactory;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log stream on generated HDFS-like lines, without the application around it: templates, per-template rates,
 * new error templates and both session models, each score with its evidence; and the templates and models surviving
 * a restart through the real snapshot table (H2, migrated by the project's Flyway scripts).
 */
class LogStreamTest {

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
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    /** Every score the stream gave, in order. */
    private final List<Score> scores = new ArrayList<>();

    private LogStream detection() {
        return detection(TemplateOverrides.NONE);
    }

    /** Each detector and template scored on its own, so each can be looked at. */
    private LogStream detection(TemplateOverrides overrides) {
        return detection(overrides, definitions, false);
    }

    /** @param incidentPerService one score per service window (else each detector's and template's own) */
    private LogStream detection(TemplateOverrides overrides, List<DetectorDefinition> definitions,
            boolean incidentPerService) {
        LogSettings settings = new LogSettings(
                Map.of("hdfs", new LogSettings.SourceSettings(DrainParameters.defaults(), Pattern.compile("blk_-?\\d+"))),
                new LogSettings.SourceSettings(DrainParameters.defaults(), null),
                new LogSettings.SessionLimits(Duration.ofSeconds(30), 10_000, 1_000), overrides, 100, incidentPerService);
        List<ConfiguredDetector> series = definitions.stream().filter(d -> !d.modelled())
                .map(d -> ConfiguredDetector.of(d, DetectorFactory.create(d))).toList();
        return new LogStream(settings, new DetectionSettings(Duration.ofMinutes(1), Duration.ZERO, Duration.ofMinutes(2),
                Duration.ofDays(7), new DetectionSettings.Quiet(false, 5, Duration.ofMinutes(5)), 3), series,
                definitions.stream().filter(DetectorDefinition::modelled).toList(),
                new DetectionDelay(registry, Clock.fixed(WALL, ZoneOffset.UTC)));
    }

    private void feed(LogStream detection, HdfsLikeLogs logs, int from, int to) {
        for (int minute = from; minute < to; minute++) {
            List<LogEvent> batch = new ArrayList<>();
            for (HdfsLikeLogs.Line line : logs.minute(minute, 20, minute >= BURST && minute < BURST + 3 ? 8 : 0)) {
                batch.add(new LogEvent("hdfs", "datanode", line.at(), LogLevel.parse(line.level()), line.message(), Map.of()));
            }
            scores.addAll(detection.onEvents(batch, WALL, 0, new ArrayList<>()));
        }
    }

    private void closeIdle(LogStream detection) {
        scores.addAll(detection.closeIdle(WALL.plusSeconds(120), WALL.minus(Duration.ofDays(30))));
    }

    /** The service windows that closed, as the novelty detector (which scores every one) saw them. */
    private List<Score> windows() {
        return scores.stream().filter(s -> s.detector().equals("log-new-errors")).toList();
    }

    private List<Score> anomalous(String detector) {
        return scores.stream().filter(s -> s.detector().equals(detector) && s.anomalous()).toList();
    }

    private static Instant minute(int m) {
        return T0.plus(Duration.ofMinutes(m));
    }

    @Test
    void aFailureBurstIsExplainedByEveryLogDetectorAndTheNormalStretchIsNot() {
        LogStream detection = detection();
        feed(detection, new HdfsLikeLogs(1, T0), 0, BURST + 8);
        closeIdle(detection);

        // every model was ready well before the burst, and was quiet until it
        for (String detector : List.of("log-new-errors", "log-session-counts", "log-session-order")) {
            assertThat(scores).as(detector + " scored the normal stretch")
                    .anyMatch(s -> s.detector().equals(detector) && s.timestamp().isBefore(minute(BURST)));
            assertThat(anomalous(detector)).as(detector).isNotEmpty()
                    .allMatch(s -> !s.timestamp().isBefore(minute(BURST + 1)) && !s.timestamp().isAfter(minute(BURST + 4)));
        }
        assertThat(windows()).hasSize(BURST + 8);

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
        LogStream detection = detection();
        feed(detection, new HdfsLikeLogs(3, T0), 0, 5);
        closeIdle(detection);

        assertThat(windows()).hasSize(5);
        // the windows of minutes 0..3 closed when the first line of the next minute came; minute 4's by the idle check
        Timer delay = registry.get("vigil.detection.delay").timer();
        assertThat(delay.count()).isEqualTo(4);
        // each from an event of the minute after the window's, the wall clock fixed at WALL
        assertThat(delay.max(TimeUnit.SECONDS)).isBetween(Duration.between(minute(2), WALL).toSeconds() - 1.0,
                (double) Duration.between(minute(1), WALL).toSeconds());
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
        LogStream before = detection();
        feed(before, logs, 0, 15);
        closeIdle(before);
        int templates = before.templates();
        save(before, snapshots);
        scores.clear();

        LogStream after = detection();
        restore(after, snapshots);
        assertThat(after.templates()).isEqualTo(templates);
        feed(after, logs, 15, BURST + 2);

        assertThat(after.templates()).as("only the failure's template is new").isEqualTo(templates + 1);
        assertThat(windows().get(0).timestamp()).as("the window of minute 15").isEqualTo(minute(16));
        assertThat(windows().get(0).features().get("new_templates")).as("the known lines met known templates").isZero();
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
        LogStream detection = detection(TemplateOverrides.NONE.ignore(slow).rename(reset, "connection-reset"));

        feed(detection, new HdfsLikeLogs(1, T0), 0, BURST + 3);

        assertThat(windows()).isNotEmpty().allMatch(w -> w.features().get("warn_count") == 0
                && !w.features().containsKey("template:" + slow));
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
        LogStream detection = detection(TemplateOverrides.NONE, rates, false);
        for (int minute = 0; minute < 12; minute++) {
            Instant at = minute(minute).plusSeconds(1);
            List<LogEvent> batch = new ArrayList<>();
            batch.add(new LogEvent("api", "gateway", at, LogLevel.INFO, "request served in 12 ms", Map.of()));
            if (minute < 3) {
                batch.add(new LogEvent("api", "gateway", at, LogLevel.INFO, "cache warmed with 300 entries", Map.of()));
            }
            scores.addAll(detection.onEvents(batch, WALL, 0, new ArrayList<>()));
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
     * minutes of a checkout service whose routine lines thin out meanwhile. One incident: its findings name the new
     * error templates and the error count, and no routine template that fell; the lifecycle fires once and resolves
     * once.
     */
    @Test
    void oneErrorBurstInOneServiceIsOneIncidentNamingItsTemplates() {
        LogStream detection = detection(TemplateOverrides.NONE, shippedLogDetectors(), true);
        AlertLifecycle lifecycle = shippedLifecycle();
        List<Alert> alerts = new ArrayList<>();
        feedShop(detection, new ShopLogs(5, T0), 60, 0, score -> lifecycle.onScore(score).ifPresent(alerts::add));

        assertThat(scores).allMatch(s -> s.detector().equals("logs") && s.entity().equals("checkout"));
        assertThat(alerts).extracting(Alert::status).containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
        List<Score> anomalous = scores.stream().filter(Score::anomalous).toList();
        assertThat(anomalous).extracting(Score::timestamp).containsExactly(minute(41), minute(42));

        List<String> findings = anomalous.stream().flatMap(s -> s.explanation().findings().stream())
                .map(f -> f.description()).toList();
        assertThat(findings).anyMatch(f -> f.startsWith("log-errors: error_count observed 500"));
        assertThat(findings).anyMatch(f -> f.startsWith("log-new-errors: 5 new template(s) at ERROR level"));
        for (String error : List.of("'payment gateway timeout after <*> ms for order <*>'",
                "'database connection refused by db-<*> after <*> ms'", "'card declined for order <*>: issuer unavailable, code <*>'")) {
            assertThat(findings).as(error).anyMatch(f -> f.contains(error));
        }
        assertThat(findings).as("the routine templates that fell are no finding of the incident")
                .noneMatch(f -> f.contains(" below "));
        Score first = anomalous.get(0);
        assertThat(first.explanation().evidence()).hasSizeLessThanOrEqualTo(12)
                .anyMatch(e -> e.startsWith("new template ")).anyMatch(e -> e.startsWith("e.g. "));
        assertThat(first.features()).as("the service window's").containsEntry("error_count", 500.0);
    }

    /** The same burst, each detector and template on its own: the routine templates fell, and are not anomalous. */
    @Test
    void aTemplateThatFallsWhileOthersRiseIsNotJudgedOnItsOwn() {
        LogStream detection = detection(TemplateOverrides.NONE, shippedLogDetectors(), false);
        feedShop(detection, new ShopLogs(5, T0), 45, 0, score -> { });

        List<Score> fell = scores.stream()
                .filter(s -> s.detector().equals("log-template-rates") && s.timestamp().isAfter(minute(40))
                        && s.timestamp().isBefore(minute(44)))
                .filter(s -> s.explanation().observed() < s.explanation().expected()).toList();
        assertThat(fell).as("routine templates fell").isNotEmpty().noneMatch(Score::anomalous)
                .anyMatch(s -> s.explanation().evidence().get(0).startsWith("falls while "));
        assertThat(anomalous("log-errors")).isNotEmpty();
    }

    /** Rare errors now and then (0.5 % of lines): each new kind is news once, across a restart too, so nothing flaps. */
    @Test
    void aSteadyBackgroundOfRareErrorsIsNewsOnceAndDoesNotFlap() throws Exception {
        StateSnapshots snapshots = snapshots();
        AlertLifecycle lifecycle = shippedLifecycle();
        List<Alert> firing = new ArrayList<>();
        Consumer<Score> alert = score -> lifecycle.onScore(score).filter(a -> a.status() == AlertStatus.FIRING)
                .ifPresent(firing::add);
        ShopLogs shop = new ShopLogs(9, T0);
        LogStream before = detection(TemplateOverrides.NONE, shippedLogDetectors(), true);
        feedShop(before, shop, 0, 60, 0.005, alert);
        save(before, snapshots);
        LogStream after = detection(TemplateOverrides.NONE, shippedLogDetectors(), true);
        restore(after, snapshots);
        feedShop(after, shop, 60, 90, 0.005, alert);

        long news = scores.stream().filter(Score::anomalous).count();
        assertThat(news).as("each of the three rare kinds is news once").isBetween(1L, (long) ShopLogs.RARE.size());
        assertThat(firing).as("at most one alert per new kind, none for its recurrences").hasSizeLessThanOrEqualTo((int) news);
    }

    /** Minutes 0..{@code minutes} of the shop, an outage in minutes 40 and 41, every score also to {@code then}. */
    private void feedShop(LogStream detection, ShopLogs shop, int minutes, double rare, Consumer<Score> then) {
        feedShop(detection, shop, 0, minutes, rare, then);
    }

    private void feedShop(LogStream detection, ShopLogs shop, int from, int to, double rare, Consumer<Score> then) {
        for (int minute = from; minute < to; minute++) {
            boolean outage = rare == 0 && (minute == 40 || minute == 41);
            List<LogEvent> batch = shop.minute(minute, 100, outage ? 500 : 0, minute < 20 ? 0 : rare).stream()
                    .map(l -> new LogEvent("kafka", "checkout", l.at(), LogLevel.parse(l.level()), l.message(), Map.of()))
                    .toList();
            List<Score> scored = detection.onEvents(batch, WALL, 0, new ArrayList<>());
            scores.addAll(scored);
            scored.forEach(then);
        }
    }

    private static AlertLifecycle shippedLifecycle() {
        return new AlertLifecycle(new ConfirmationPolicy(2, 3, 3),
                new AlertingConfigLoader(List.of("console")).loadDefault().lifecycle(), SeverityRanking.SCORE_ONLY);
    }

    private static void save(LogStream stream, StateSnapshots snapshots) throws SQLException {
        for (Map.Entry<String, StateSnapshots.Snapshotted> part : stream.state().entrySet()) {
            snapshots.save(part.getKey(), part.getValue());
        }
    }

    private static void restore(LogStream stream, StateSnapshots snapshots) throws SQLException {
        for (Map.Entry<String, StateSnapshots.Snapshotted> part : stream.state().entrySet()) {
            snapshots.restore(part.getKey(), part.getValue());
        }
    }

    private static List<DetectorDefinition> shippedLogDetectors() {
        return new DetectorConfigLoader().loadDefault().stream().filter(LogStream::reads).toList();
    }

    private static String id(ServiceTemplates templates, String start) {
        return templates.templates().stream().filter(t -> t.text().startsWith(start)).findFirst().orElseThrow().id();
    }
}

package dev.vigil.app.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alerting.lifecycle.Fingerprint;
import dev.vigil.alerting.store.AlertStore;
import dev.vigil.app.testing.PostgresServer;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.FeatureVector;
import dev.vigil.contracts.Feedback;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Severity;
import dev.vigil.contracts.Verdict;
import dev.vigil.feedback.effects.Effect;
import dev.vigil.feedback.effects.EffectStore;
import dev.vigil.feedback.history.HistoryReader;
import dev.vigil.feedback.history.HistoryReader.ReplayRow;
import dev.vigil.feedback.history.HistoryStore;
import dev.vigil.feedback.history.ScoredWindow;
import dev.vigil.feedback.store.AlertVerdicts;
import dev.vigil.feedback.store.FeedbackStore;
import dev.vigil.feedback.tuning.ThresholdChange;
import dev.vigil.feedback.tuning.ThresholdLog;
import dev.vigil.scoring.Detector;
import dev.vigil.scoring.config.DetectorConfigLoader;
import dev.vigil.scoring.config.DetectorFactory;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Flyway migration of every module runs on a real PostgreSQL 15 (started by the project's own script from the
 * machine's PostgreSQL, {@link PostgresServer}) and on H2, giving the same tables; then the stores that read and write
 * them do on PostgreSQL what they do on H2. Skipped, saying why, where PostgreSQL is not installed.
 */
class PostgresMigrationsTest {

    private static final Instant T0 = Instant.parse("2026-11-20T00:00:00Z");

    private static PostgresServer server;
    private static DataSource pg;

    @BeforeAll
    static void startAndMigrate() throws Exception {
        server = PostgresServer.start();
        Assumptions.assumeTrue(server != null, () -> "PostgreSQL migrations test skipped: " + PostgresServer.missing);
        pg = server.dataSource("postgres");
        Flyway.configure().dataSource(pg).locations("classpath:db/migration").load().migrate();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyMigrationRunsOnPostgresqlAndOnH2AndBothHaveTheSameTables() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:pg-compare-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();

        List<String> pgVersions = versions(pg);
        assertThat(pgVersions).contains("1", "2", "3", "5", "6").isEqualTo(versions(h2));
        assertThat(tables(pg, "public")).contains("alert", "feedback", "score_history", "threshold_change",
                "feedback_effect", "detector_state").isEqualTo(tables(h2, "PUBLIC"));
    }

    @Test
    void theFeedbackStoresReadAndWriteOnPostgresql() throws Exception {
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        String entity = "temperature{device=pg-" + UUID.randomUUID().toString().substring(0, 6) + ",site=plant-1}";
        TreeMap<String, String> labels = new TreeMap<>(Map.of("site", "plant-1"));
        String fingerprint = Fingerprint.of("metric-baseline", "mqtt", entity, labels);

        // score history: a real detector's windows, inserted in one batch, read back in both orders, purged
        Detector detector = DetectorFactory.create(new DetectorConfigLoader().loadDefault().get(0));
        List<ScoredWindow> rows = new ArrayList<>();
        for (int m = 0; m < 40; m++) {
            Instant start = T0.plus(Duration.ofMinutes(m));
            FeatureVector window = new FeatureVector("mqtt", entity, labels, start, start.plusSeconds(60),
                    Map.of("mean", m == 35 ? 90.0 : 20.0 + m % 3, "count", 6.0));
            detector.evaluate(window).ifPresent(s -> rows.add(ScoredWindow.of(s, window.features(), 1)));
        }
        HistoryStore store = new HistoryStore(pg, json);
        store.insert(rows);
        HistoryReader reader = new HistoryReader(pg, json);
        List<ReplayRow> replay = new ArrayList<>();
        reader.replayRows("metric-baseline", T0, T0.plus(Duration.ofHours(1)), r -> {
            if (r.entity().equals(entity)) {
                replay.add(r);
            }
        });
        assertThat(replay).hasSize(rows.size()).allSatisfy(r -> assertThat(r.fingerprint()).isEqualTo(fingerprint));
        assertThat(reader.labels(replay.get(0).labelsJson())).isEqualTo(labels);
        List<ScoredWindow> read = new ArrayList<>();
        reader.windows(null, T0, T0.plus(Duration.ofHours(1)), read::add);
        assertThat(read).isEqualTo(rows);
        assertThat(reader.featureNames("metric-baseline", T0, T0.plus(Duration.ofHours(1)))).containsExactly("count", "mean");
        assertThat(reader.span("metric-baseline", T0, T0.plus(Duration.ofHours(1)))).get()
                .satisfies(span -> assertThat(span.windows()).isEqualTo(rows.size()));
        assertThat(reader.seriesWindows("metric-baseline", fingerprint, T0, T0.plus(Duration.ofHours(1)), 3, true))
                .as("the console's chart reads the latest windows, oldest first").isEqualTo(rows.subList(rows.size() - 3, rows.size()));

        // an alert, answers to it and what they changed
        AlertStore alerts = new AlertStore(pg, json);
        Alert alert = new Alert(UUID.randomUUID().toString(), fingerprint, AlertStatus.FIRING, Severity.CRITICAL, "mqtt",
                entity, "metric-baseline", T0.plus(Duration.ofMinutes(35)), null, "hot",
                new Explanation("mean", 90, 20, 1.5, List.of(new Finding("robust-z", 46, 3.5, "mean observed 90"))), labels);
        alerts.save(alert);
        alerts.save(alert.resolved(T0.plus(Duration.ofMinutes(39))));
        FeedbackStore feedback = new FeedbackStore(pg);
        var first = feedback.append(new Feedback(alert.id(), Verdict.FALSE_ALARM, "rest", "ops", T0.plusSeconds(3000), ""), "k");
        var second = feedback.append(new Feedback(alert.id(), Verdict.TRUE_INCIDENT, "slack", "amy", T0.plusSeconds(3100), "x"), "s");
        assertThat(second.supersedes()).isEqualTo(first.id());
        assertThat(feedback.latestPerAlert().get(alert.id()).id()).isEqualTo(second.id());
        assertThat(feedback.latestOf(List.of(alert.id(), "unknown")).get(alert.id()).id()).isEqualTo(second.id());
        assertThat(alerts.overlapping(T0.plus(Duration.ofMinutes(38)), T0.plus(Duration.ofHours(1)), 10))
                .extracting(Alert::id).contains(alert.id());
        AlertVerdicts verdicts = new AlertVerdicts(pg, json);
        assertThat(verdicts.alert(alert.id())).get().satisfies(a -> {
            assertThat(a.verdict()).isEqualTo(Verdict.TRUE_INCIDENT);
            assertThat(a.endsAt()).isEqualTo(T0.plus(Duration.ofMinutes(39)));
            assertThat(a.labels()).isEqualTo(labels);
        });
        assertThat(verdicts.overlapping("metric-baseline", T0, T0.plus(Duration.ofHours(1)))).extracting(a -> a.id())
                .contains(alert.id());
        assertThat(verdicts.ofFingerprint(fingerprint)).hasSize(1);
        EffectStore effects = new EffectStore(pg, json);
        Effect proposed = effects.append(new Effect(0, second.id(), alert.id(), Effect.SILENCE_PROPOSED, "proposed",
                List.of("entity=\"" + entity + "\""), T0, T0.plusSeconds(7200), null, T0));
        assertThat(effects.find(proposed.id())).get().isEqualTo(proposed);
        assertThat(effects.ofAlert(alert.id())).containsExactly(proposed);

        ThresholdLog log = new ThresholdLog(pg);
        ThresholdChange change = log.append(new ThresholdChange(0, "metric-baseline", ThresholdChange.DETECTOR, 1, 1.4,
                false, "alert budget", ThresholdChange.BY_JOB, T0));
        assertThat(log.current()).contains(change);
        assertThat(log.after(change.id() - 1)).containsExactly(change);

        assertThat(store.purgeBefore(T0.plus(Duration.ofMinutes(30)))).isPositive();
        assertThat(reader.count(null, T0, T0.plus(Duration.ofMinutes(30)))).isZero();
    }

    private static List<String> versions(DataSource db) {
        List<String> versions = new ArrayList<>();
        for (MigrationInfo info : Flyway.configure().dataSource(db).locations("classpath:db/migration").load().info().applied()) {
            versions.add(info.getVersion().getVersion());
        }
        return versions;
    }

    private static TreeSet<String> tables(DataSource db, String schema) throws SQLException {
        TreeSet<String> tables = new TreeSet<>();
        try (Connection c = db.getConnection();
                ResultSet rows = c.getMetaData().getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                tables.add(rows.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
            }
        }
        return tables;
    }
}

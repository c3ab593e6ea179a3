package dev.vigil.feedback.tuning;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alerting.config.AlertingConfig;
import dev.vigil.alerting.config.AlertingConfigLoader;
import dev.vigil.alerting.lifecycle.AlertLifecycle;
import dev.vigil.alerting.lifecycle.ConfirmationPolicy;
import dev.vigil.alerting.store.AlertStore;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.Feedback;
import dev.vigil.contracts.Verdict;
import dev.vigil.feedback.LiveDetectors;
import dev.vigil.feedback.LiveDetectors.LiveDetector;
import dev.vigil.feedback.TestConfigs;
import dev.vigil.feedback.TestDatabase;
import dev.vigil.feedback.TestDetectors;
import dev.vigil.feedback.history.HistoryReader;
import dev.vigil.feedback.history.HistoryStore;
import dev.vigil.feedback.store.AlertVerdicts;
import dev.vigil.feedback.store.FeedbackStore;
import dev.vigil.feedback.tuning.BudgetTuner.Outcome;
import dev.vigil.feedback.tuning.BudgetTuner.Status;
import dev.vigil.scoring.Detector;
import dev.vigil.scoring.config.DetectorConfigLoader;
import dev.vigil.scoring.config.DetectorDefinition;
import dev.vigil.scoring.config.DetectorFactory;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "done when": a noisy detector far over its alert budget is brought within it by the tuning job, replaying
 * a week of stored score history through the live alert lifecycle, while every incident operators confirmed still
 * alerts; the change is in the audit trail and applies to the live detector at once, so the next day's live alerts
 * keep within the budget and its new incident still alerts. Real detector, real lifecycle, real H2 with the real
 * migrations; prints the figures.
 */
class BudgetTuningReplayTest {

    private static final Instant DAY0 = Instant.parse("2026-11-23T00:00:00Z");
    private static final double BUDGET = 3;
    private static final String DETECTORS = """
            detectors:
              plant-temperatures:
                stream: metrics
                baseline: {window: 60, min-values: 20}
                scorers: {robust-z: {threshold: 3.5}}
                budget: {alerts-per-day: 3}
            """;

    @Test
    void theTunerBringsANoisyDetectorWithinItsBudgetAndEveryConfirmedIncidentStillAlerts() throws Exception {
        JdbcDataSource db = TestDatabase.migrated();
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        DetectorDefinition definition = new DetectorConfigLoader()
                .load(new ByteArrayInputStream(DETECTORS.getBytes(StandardCharsets.UTF_8)), "detectors.yaml").get(0);
        Detector detector = DetectorFactory.create(definition);
        LiveDetector live = TestDetectors.live(definition, detector);
        LiveDetectors detectors = () -> List.of(live);
        AlertingConfig alerting = new AlertingConfigLoader(List.of("console")).loadDefault();
        ConfirmationPolicy confirmation = new ConfirmationPolicy(2, 3, 3);
        AlertStore alertStore = new AlertStore(db, json);
        HistoryStore history = new HistoryStore(db, json);
        FeedbackStore feedback = new FeedbackStore(db);
        ThresholdLog log = new ThresholdLog(db);
        Thresholds thresholds = new Thresholds(log, detectors);
        BudgetTuner tuner = new BudgetTuner(new HistoryReader(db, json), new AlertVerdicts(db, json), thresholds,
                detectors, TestConfigs.tuning(), alerting, 2, 3, 3);

        NoisyPlant plant = new NoisyPlant(8, detector,
                new AlertLifecycle(confirmation, alerting.lifecycle(), alerting.severity()), alertStore, history);
        plant.incident(2, DAY0.plus(Duration.ofHours(30)));
        plant.incident(5, DAY0.plus(Duration.ofHours(77)));
        plant.incident(7, DAY0.plus(Duration.ofHours(125)));
        plant.incident(1, DAY0.plus(Duration.ofHours(150)));
        plant.run(DAY0, DAY0.plus(Duration.ofDays(7)));

        // operators answer every alert: true incident on the injected ones, false alarm on the rest
        int confirmed = 0;
        for (Alert alert : plant.raised.values()) {
            boolean incident = plant.incidents().stream().anyMatch(i -> i.covers(alert));
            confirmed += incident ? 1 : 0;
            feedback.append(new Feedback(alert.id(), incident ? Verdict.TRUE_INCIDENT : Verdict.FALSE_ALARM, "rest",
                    "ops", alert.startsAt().plusSeconds(600), ""), "test");
        }
        double before = plant.raised.size() / 7.0;
        assertThat(confirmed).as("each injected incident alerted once").isEqualTo(plant.incidents().size());
        assertThat(before).as("well over the budget before tuning").isGreaterThan(3 * BUDGET);

        // the job runs nightly; each run moves the factor at most x2
        List<Outcome> runs = new ArrayList<>();
        for (int night = 0; night < 4; night++) {
            Outcome outcome = tuner.tuneAll().get(0);
            runs.add(outcome);
            System.out.printf(Locale.ROOT, "tuning run %d: %s x%.2f -> x%.2f, %.1f -> %.1f alerts/day (budget %.0f), "
                    + "confirmed incidents alerting %d -> %d of %d%n", night + 1, outcome.status(), outcome.oldFactor(),
                    outcome.newFactor(), outcome.alertsPerDayBefore(), outcome.alertsPerDayAfter(), BUDGET,
                    outcome.keptBefore(), outcome.keptAfter(), outcome.incidents());
            if (outcome.status() != Status.CHANGED) {
                break;
            }
        }
        Outcome last = runs.get(runs.size() - 1);
        assertThat(runs.get(0).status()).isEqualTo(Status.CHANGED);
        assertThat(Math.round(runs.get(0).alertsPerDayBefore() * runs.get(0).days()))
                .as("the replay at the factor in force raises exactly the alerts the live lifecycle raised")
                .isEqualTo(plant.raised.size());
        assertThat(last.status()).as("the last run finds nothing better").isEqualTo(Status.KEPT);
        assertThat(last.alertsPerDayAfter()).isLessThanOrEqualTo(BUDGET);
        assertThat(last.keptAfter()).isEqualTo(last.incidents()).isEqualTo(plant.incidents().size());
        double factor = live.thresholds().detector().value();
        assertThat(factor).isGreaterThan(1).isEqualTo(last.newFactor());

        // the audit trail: every change with old and new factor, reason, who and when
        List<ThresholdChange> trail = log.history(definition.name(), Instant.EPOCH, Instant.now().plusSeconds(60));
        assertThat(trail).hasSize(runs.size() - 1).allSatisfy(change -> {
            assertThat(change.changedBy()).isEqualTo(ThresholdChange.BY_JOB);
            assertThat(change.entity()).isEqualTo(ThresholdChange.DETECTOR);
            assertThat(change.newFactor()).isGreaterThan(change.oldFactor());
            assertThat(change.newFactor() / change.oldFactor()).isLessThanOrEqualTo(2 + 1e-9);
            assertThat(change.reason()).startsWith("alert budget 3/day: ").contains("confirmed incidents alert");
        });
        assertThat(trail.get(0).oldFactor()).isEqualTo(1.0);
        assertThat(trail.get(trail.size() - 1).newFactor()).isEqualTo(factor);
        trail.forEach(c -> System.out.printf(Locale.ROOT, "audit: %s x%.2f -> x%.2f by %s: %s%n", c.changedAt(),
                c.oldFactor(), c.newFactor(), c.changedBy(), c.reason()));

        // live, the next day: the tuned factor applies to the running detector, its new incident still alerts
        plant.incident(4, DAY0.plus(Duration.ofHours(7 * 24 + 11)));
        List<Alert> nextDay = plant.run(DAY0.plus(Duration.ofDays(7)), DAY0.plus(Duration.ofDays(8)));
        System.out.printf(Locale.ROOT, "live day 8 at x%.2f: %d alerts (budget %.0f), %d on the new incident%n", factor,
                nextDay.size(), BUDGET, nextDay.stream().filter(a -> plant.incidents().get(4).covers(a)).count());
        assertThat(nextDay).hasSizeLessThanOrEqualTo((int) BUDGET)
                .anySatisfy(a -> assertThat(plant.incidents().get(4).covers(a)).isTrue());
        Alert incidentAlert = nextDay.stream().filter(a -> plant.incidents().get(4).covers(a)).findFirst().orElseThrow();
        assertThat(incidentAlert.explanation().evidence()).singleElement().asString()
                .startsWith(String.format(Locale.ROOT, "threshold ×%.2f on every limit (alert budget 3/day", factor));
    }
}

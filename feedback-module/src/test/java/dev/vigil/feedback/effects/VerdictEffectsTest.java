package dev.vigil.feedback.effects;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alerting.lifecycle.Fingerprint;
import dev.vigil.alerting.silence.Silences;
import dev.vigil.alerting.store.AlertStore;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.Feedback;
import dev.vigil.contracts.Severity;
import dev.vigil.contracts.Verdict;
import dev.vigil.feedback.LiveDetectors;
import dev.vigil.feedback.LiveDetectors.LiveDetector;
import dev.vigil.feedback.TestDatabase;
import dev.vigil.feedback.TestDetectors;
import dev.vigil.feedback.effects.VerdictEffects.Settings;
import dev.vigil.feedback.effects.VerdictEffects.SilenceMode;
import dev.vigil.feedback.store.AlertVerdicts;
import dev.vigil.feedback.store.FeedbackStore;
import dev.vigil.feedback.tuning.ThresholdChange;
import dev.vigil.feedback.tuning.ThresholdLog;
import dev.vigil.feedback.tuning.Thresholds;
import dev.vigil.scoring.config.DetectorConfigLoader;
import dev.vigil.scoring.config.DetectorDefinition;
import dev.vigil.scoring.config.DetectorFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What answers change, where the configuration asks for more than the defaults or a pin stands in the way. */
class VerdictEffectsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private DataSource db;
    private AlertStore alerts;
    private FeedbackStore feedback;
    private Thresholds thresholds;
    private Silences silences;
    private LiveDetectors detectors;

    @BeforeEach
    void setUp() {
        db = TestDatabase.migrated();
        alerts = new AlertStore(db, json);
        feedback = new FeedbackStore(db);
        DetectorDefinition definition = new DetectorConfigLoader().loadDefault().get(0);
        LiveDetector live = TestDetectors.live(definition);
        detectors = () -> List.of(live);
        thresholds = new Thresholds(new ThresholdLog(db), detectors, Clock.fixed(NOW, ZoneOffset.UTC));
        silences = new Silences(Clock.fixed(NOW, ZoneOffset.UTC), List.of());
    }

    private VerdictEffects effects(SilenceMode silence, int falseAlarms) {
        return new VerdictEffects(new AlertVerdicts(db, json), detectors, thresholds, silences, new EffectStore(db, json),
                new Settings(true, silence, Duration.ofHours(3), falseAlarms, Duration.ofDays(30), 1.5),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private Alert alert(String entity) throws Exception {
        TreeMap<String, String> labels = new TreeMap<>(Map.of("site", "plant-1"));
        Alert alert = new Alert(UUID.randomUUID().toString(), Fingerprint.of("metric-baseline", "mqtt", entity, labels),
                AlertStatus.FIRING, Severity.WARNING, "mqtt", entity, "metric-baseline", NOW.minusSeconds(900), null,
                "s", new Explanation("mean", 1, 0, 1, List.of()), labels);
        alerts.save(alert);
        return alert;
    }

    @Test
    void expectedCreatesTheSilenceAtOnceWhenConfiguredSo() throws Exception {
        Alert alert = alert("temperature{device=d1,site=plant-1}");
        var answer = feedback.append(new Feedback(alert.id(), Verdict.EXPECTED, "slack", "amy", NOW, "sale"), "r");

        List<Effect> done = effects(SilenceMode.CREATE, 3).apply(answer);

        assertThat(done).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Effect.SILENCE_CREATED);
            assertThat(e.endsAt()).isEqualTo(NOW.plus(Duration.ofHours(3)));
            assertThat(e.silenceId()).isNotNull();
        });
        assertThat(silences.silencing(alert, NOW.plusSeconds(60))).get().satisfies(s -> {
            assertThat(s.creator()).isEqualTo("feedback:amy");
            assertThat(s.comment()).contains("expected", "sale");
        });
        assertThat(effects(SilenceMode.OFF, 3).apply(answer)).isEmpty();
    }

    @Test
    void falseAlarmsRaiseOnlyFromTheCountOnAndNeverAPinnedThreshold() throws Exception {
        String entity = "temperature{device=d2,site=plant-1}";
        VerdictEffects effects = effects(SilenceMode.PROPOSE, 2);
        Alert first = alert(entity);
        assertThat(effects.apply(feedback.append(new Feedback(first.id(), Verdict.FALSE_ALARM, "rest", "ops", NOW, ""), "r")))
                .isEmpty();
        Alert second = alert(entity);
        assertThat(effects.apply(feedback.append(new Feedback(second.id(), Verdict.FALSE_ALARM, "rest", "ops", NOW, ""), "r")))
                .singleElement().satisfies(e -> assertThat(e.detail()).contains("from ×1.00 to ×1.50"));
        assertThat(thresholds.inForce("metric-baseline", entity).value()).isEqualTo(1.5);

        thresholds.set("metric-baseline", entity, 1.5, true, "leave it", "api:ops");
        for (int i = 0; i < 2; i++) {
            Alert next = alert(entity);
            List<Effect> done = effects.apply(feedback.append(
                    new Feedback(next.id(), Verdict.FALSE_ALARM, "rest", "ops", NOW.plusSeconds(1), ""), "r"));
            if (i == 1) {
                assertThat(done).singleElement().satisfies(e -> assertThat(e.detail()).startsWith("not raised: "));
            }
        }
        assertThat(thresholds.inForce("metric-baseline", entity).value()).isEqualTo(1.5);
        assertThat(thresholds.latest("metric-baseline", entity)).get().extracting(ThresholdChange::pinned).isEqualTo(true);
    }
}

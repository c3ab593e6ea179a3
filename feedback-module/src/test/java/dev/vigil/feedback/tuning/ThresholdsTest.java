package dev.vigil.feedback.tuning;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.sql.DataSource;

import dev.vigil.feedback.LiveDetectors;
import dev.vigil.feedback.LiveDetectors.LiveDetector;
import dev.vigil.feedback.TestDatabase;
import dev.vigil.feedback.TestDetectors;
import dev.vigil.scoring.config.DetectorConfigLoader;
import dev.vigil.scoring.config.DetectorDefinition;
import dev.vigil.scoring.config.DetectorFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Threshold factors: recorded, applied at once, restored at start, pinned from the file, shared between instances. */
class ThresholdsTest {

    private static final String DETECTORS = """
            detectors:
              pinned: {stream: metrics, scorers: {robust-z: {}}, budget: {alerts-per-day: 5, pin: 1.5}}
              free: {stream: metrics, scorers: {robust-z: {}}, budget: {alerts-per-day: 5}}
            """;

    /** A fresh instance's detectors, as a restart (or another instance of a cluster) builds them. */
    private static LiveDetectors instance() {
        List<LiveDetector> all = new DetectorConfigLoader()
                .load(new ByteArrayInputStream(DETECTORS.getBytes(StandardCharsets.UTF_8)), "detectors.yaml").stream()
                .map(TestDetectors::live).toList();
        return () -> all;
    }

    @Test
    void aChangeIsRecordedAppliedAtOnceAndComesBackAfterARestartWithTheFilesPinRecordedOnce() throws Exception {
        DataSource db = TestDatabase.migrated();
        ThresholdLog log = new ThresholdLog(db);
        LiveDetectors first = instance();
        Thresholds thresholds = new Thresholds(log, first);
        thresholds.restore();
        assertThat(log.current()).singleElement().satisfies(pin -> {
            assertThat(pin.detector()).isEqualTo("pinned");
            assertThat(pin.changedBy()).isEqualTo(ThresholdChange.BY_FILE);
            assertThat(pin.pinned()).isTrue();
        });
        assertThat(thresholds.pinned("pinned", ThresholdChange.DETECTOR)).isTrue();

        thresholds.set("free", ThresholdChange.DETECTOR, 2.5, false, "alert budget", ThresholdChange.BY_JOB);
        thresholds.set("free", "temperature{device=a}", 3, true, "by hand", "api:ops");
        assertThat(first.named("free").orElseThrow().thresholds().detector().value()).isEqualTo(2.5);
        assertThat(thresholds.inForce("free", "temperature{device=a}").value()).isEqualTo(3.0);
        assertThat(thresholds.inForce("free", "temperature{device=b}").value()).isEqualTo(2.5);
        assertThatThrownBy(() -> thresholds.set("nope", "", 2, false, "x", "api:ops"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown detector 'nope'");
        assertThatThrownBy(() -> thresholds.set("free", "", -1, false, "x", "api:ops"))
                .isInstanceOf(IllegalArgumentException.class);

        LiveDetectors restarted = instance();
        Thresholds again = new Thresholds(log, restarted);
        again.restore();
        assertThat(restarted.named("free").orElseThrow().thresholds().of("temperature{device=a}").value())
                .isEqualTo(3.0);
        assertThat(again.pinned("free", "temperature{device=a}")).isTrue();
        assertThat(restarted.named("pinned").orElseThrow().thresholds().detector().value()).isEqualTo(1.5);
        assertThat(log.current()).hasSize(3).as("the file's pin was not recorded again");
    }

    @Test
    void anotherInstanceSeesAChangeAtItsNextRefresh() throws Exception {
        DataSource db = TestDatabase.migrated();
        LiveDetectors one = instance();
        LiveDetectors two = instance();
        Thresholds first = new Thresholds(new ThresholdLog(db), one);
        Thresholds second = new Thresholds(new ThresholdLog(db), two);
        first.restore();
        second.restore();

        first.set("free", ThresholdChange.DETECTOR, 1.8, false, "alert budget", ThresholdChange.BY_JOB);
        assertThat(two.named("free").orElseThrow().thresholds().detector().value()).isEqualTo(1.0);
        second.refresh();
        assertThat(two.named("free").orElseThrow().thresholds().detector()).satisfies(f -> {
            assertThat(f.value()).isEqualTo(1.8);
            assertThat(f.reason()).startsWith("alert budget; tuning-job, ");
        });
    }
}

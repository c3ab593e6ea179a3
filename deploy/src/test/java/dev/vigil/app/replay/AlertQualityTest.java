package dev.vigil.app.replay;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.vigil.alerting.config.AlertingConfig;
import dev.vigil.alerting.config.AlertingConfigLoader;
import dev.vigil.alerting.lifecycle.ConfirmationPolicy;
import dev.vigil.app.cli.AlertQualityCli;
import dev.vigil.scoring.config.DetectorConfigLoader;
import dev.vigil.scoring.config.DetectorDefinition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert-quality scenario on a small generated storm (no NAB): twenty sensors of one site break together amid
 * quiet, noisy hours. Per-window alerting would page hundreds of times; the lifecycle fires one alert per sensor; the
 * routing tree's grouping by site tells the storm as one incident.
 */
class AlertQualityTest {

    private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    private static final AlertQuality.Scenario STORM = StormScenario.of(20, START, 6, Duration.ofHours(4),
            Duration.ofMinutes(30), 7);

    private static final DetectorDefinition RAW = new DetectorConfigLoader().load(new ByteArrayInputStream("""
            detectors:
              metric-raw:
                stream: metrics
                scorers:
                  robust-z: {threshold: 3.5}
                  cusum: {k: 0.5, h: 5}
                  percentile: {low: 0.01, high: 0.99, threshold: 2}
            """.getBytes(StandardCharsets.UTF_8)), "test.yaml").get(0);

    private static AlertingConfig alerting(String groupBy) {
        return new AlertingConfigLoader(Replay.RECEIVERS).load(new ByteArrayInputStream(("""
                lifecycle: {cooldown: 6h}
                route:
                  receivers: [console]
                  group-by: %s
                  group-wait: 5m
                  group-interval: 15m
                  repeat-interval: 24h
                """.formatted(groupBy)).getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }

    private static AlertQuality.Figures run(String groupBy) {
        return new AlertQuality(RAW, new ConfirmationPolicy(2, 4, 3), alerting(groupBy))
                .run(STORM, new ProgressBar(new PrintStream(new ByteArrayOutputStream()), false, 20 * 360));
    }

    @Test
    void aStormOfOneSiteIsToldAsOneIncidentWhereEveryWindowWouldHaveBeenAPage() {
        AlertQuality.Figures grouped = run("[site]");

        assertThat(grouped.series()).isEqualTo(20);
        assertThat(grouped.rows()).isEqualTo(20 * 360);
        assertThat(grouped.covered()).as("the storm was told while it lasted").isEqualTo(1);
        assertThat(grouped.anomalousWindows()).as("per-window alerting: many windows of each sensor")
                .isGreaterThan(20 * 5);
        assertThat(grouped.alerts()).as("the lifecycle: at least one alert per sensor").isGreaterThanOrEqualTo(20);
        assertThat(grouped.notifications()).as("grouping by site: a handful of notifications in six hours")
                .isLessThanOrEqualTo(6);
        assertThat(grouped.cut()).isGreaterThanOrEqualTo(0.9);

        AlertQuality.Figures ungrouped = run("['...']");
        assertThat(ungrouped.anomalousWindows()).isEqualTo(grouped.anomalousWindows());
        assertThat(ungrouped.alerts()).isEqualTo(grouped.alerts());
        assertThat(ungrouped.notifications()).as("without grouping, one per alert that outlasted its group wait")
                .isGreaterThan(3 * grouped.notifications());
    }

    @Test
    void theReportPrintsEachScenarioTheTotalAndTheCut() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AlertQuality.Figures figures = run("[site]");

        AlertQualityRun.print(List.of(figures), new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("scenario", "anomalous", "sent", "covered", "storm: 20 sensors of plant-9, 6 h", "total")
                .contains("labelled incidents covered: 1 of 1")
                .containsPattern("Alert volume cut vs per-window alerting: 9\\d\\.\\d %");
    }

    @Test
    void badUsageIsRefusedWithTheReason() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(AlertQualityCli.run(new String[] {"--storm", "0"}, stream, stream)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("nothing to replay");
        assertThat(AlertQualityCli.run(new String[] {"--storm", "lots"}, stream, stream)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Invalid value for option '--storm': 'lots' is not an int");
        assertThat(AlertQualityCli.run(new String[] {"--nab", "/nowhere", "--storm", "0"}, stream, stream)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("has no folder data/realKnownCause");
    }
}

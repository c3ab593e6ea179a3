package dev.vigil.app.detection;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.vigil.detection.logs.LogSettings;
import dev.vigil.features.logs.MaskRule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** vigil.logs.* as configuration gives it, checked at start: each mistake names its key. */
class LogsConfigReaderTest {

    record Drain(int depth, double similarity, int maxChildren, int maxTemplates, List<String> masks,
            Map<String, String> maskPatterns) implements LogsConfig.Drain {
    }

    record Sessions(Duration idleTimeout, int maxOpen, int maxEvents) implements LogsConfig.Sessions {
    }

    record Source(Optional<String> sessionId, Optional<Integer> depth, Optional<Double> similarity,
            Optional<List<String>> masks, Map<String, String> maskPatterns) implements LogsConfig.Source {
    }

    record TemplateSettings(Optional<String> name, boolean ignore) implements LogsConfig.TemplateSettings {
    }

    record Config(Drain drain, Sessions sessions, int maxServices, String incidents, Map<String, LogsConfig.Source> sources,
            Map<String, LogsConfig.TemplateSettings> templates) implements LogsConfig {

        Config(Drain drain, Sessions sessions, int maxServices, Map<String, LogsConfig.Source> sources,
                Map<String, LogsConfig.TemplateSettings> templates) {
            this(drain, sessions, maxServices, "service", sources, templates);
        }
    }

    private static final Drain DRAIN = new Drain(4, 0.5, 100, 5000, List.of("ip", "hex", "path", "num"), Map.of());
    private static final Sessions SESSIONS = new Sessions(Duration.ofMinutes(5), 10_000, 1_000);

    private static Source source(String sessionId) {
        return new Source(Optional.ofNullable(sessionId), Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
    }

    private static LogSettings settings(Drain drain, Map<String, LogsConfig.Source> sources,
            Map<String, LogsConfig.TemplateSettings> templates) {
        return LogsConfigReader.read(new Config(drain, SESSIONS, 100, sources, templates));
    }

    @Test
    void aSourceHasItsSessionIdAndItsOwnDrainSettingsOnTopOfTheSharedOnes() {
        LogSettings settings = settings(DRAIN, Map.of(
                "hdfs", new Source(Optional.of("blk_-?\\d+"), Optional.empty(), Optional.of(0.7), Optional.of(List.of("ip")),
                        Map.of("block", "blk_-?\\d+")),
                "kafka", source(null)), Map.of(
                "5f1c0a2e9b7d", new TemplateSettings(Optional.of("block-received"), false),
                "0c93e1aa4b02", new TemplateSettings(Optional.empty(), true)));

        LogSettings.SourceSettings hdfs = settings.source("hdfs");
        assertThat(hdfs.sessionId().pattern()).isEqualTo("blk_-?\\d+");
        assertThat(hdfs.drain().depth()).isEqualTo(4);
        assertThat(hdfs.drain().similarityThreshold()).isEqualTo(0.7);
        assertThat(hdfs.drain().maxTemplates()).as("the shared bound").isEqualTo(5000);
        assertThat(hdfs.drain().masks()).extracting(MaskRule::name).containsExactly("block", "ip");
        assertThat(settings.source("kafka").sessionId()).isNull();
        assertThat(settings.source("elsewhere")).isEqualTo(settings.defaults());
        assertThat(settings.defaults().drain().masks()).extracting(MaskRule::name).containsExactly("ip", "hex", "path", "num");
        assertThat(settings.overrides().names()).containsEntry("5f1c0a2e9b7d", "block-received");
        assertThat(settings.overrides().ignored()).containsExactly("0c93e1aa4b02");
        assertThat(settings(new Drain(4, 0.5, 100, 5000, List.of("none"), Map.of()), Map.of(), Map.of()).defaults().drain()
                .masks()).isEmpty();
        assertThat(settings.incidentPerService()).isTrue();
        assertThat(LogsConfigReader.read(new Config(DRAIN, SESSIONS, 100, "detector", Map.of(), Map.of())).incidentPerService())
                .isFalse();
    }

    @Test
    void aMistakeNamesItsKey() {
        assertThatThrownBy(() -> settings(DRAIN, Map.of("hdfs", source("blk_(")), Map.of()))
                .hasMessageStartingWith("vigil.logs.sources.hdfs.session-id: not a valid regex: Unclosed group");
        assertThatThrownBy(() -> settings(new Drain(4, 0.5, 100, 5000, List.of("ip", "uuid"), Map.of()), Map.of(), Map.of()))
                .hasMessage("vigil.logs.drain.masks: unknown mask 'uuid', known: ip, hex, path, num (or none)");
        assertThatThrownBy(() -> settings(new Drain(4, 0.5, 100, 5000, List.of("ip"), Map.of("id", "[")), Map.of(), Map.of()))
                .hasMessageStartingWith("vigil.logs.drain.mask-patterns.id: not a valid regex");
        assertThatThrownBy(() -> settings(new Drain(2, 0.5, 100, 5000, List.of("ip"), Map.of()), Map.of(), Map.of()))
                .hasMessage("vigil.logs.drain: Drain depth must be at least 3, got 2");
        assertThatThrownBy(() -> settings(new Drain(4, 0.5, 100, 0, List.of("ip"), Map.of()), Map.of(), Map.of()))
                .hasMessageContaining("vigil.logs.drain: Drain max templates must be at least 1");
        assertThatThrownBy(() -> settings(DRAIN, Map.of("hdfs", new Source(Optional.empty(), Optional.empty(),
                Optional.of(1.5), Optional.empty(), Map.of())), Map.of()))
                .hasMessageStartingWith("vigil.logs.sources.hdfs: Drain similarity threshold must be in (0, 1]");
        assertThatThrownBy(() -> settings(DRAIN, Map.of(), Map.of("abc", new TemplateSettings(Optional.of(" "), false))))
                .hasMessageStartingWith("vigil.logs.templates: template override 'abc.name' needs an id and a name");
        assertThatThrownBy(() -> LogsConfigReader.read(new Config(DRAIN, new Sessions(Duration.ZERO, 1, 1), 1, Map.of(), Map.of())))
                .hasMessageStartingWith("vigil.logs.sessions.idle-timeout: must be positive");
        assertThatThrownBy(() -> LogsConfigReader.read(new Config(DRAIN, new Sessions(Duration.ofMinutes(1), 0, 1), 1, Map.of(),
                Map.of()))).hasMessage("vigil.logs.sessions.max-open: must be at least 1, got 0");
        assertThatThrownBy(() -> LogsConfigReader.read(new Config(DRAIN, SESSIONS, 1, "template", Map.of(), Map.of())))
                .hasMessage("vigil.logs.incidents: must be service or detector, got template");
    }
}

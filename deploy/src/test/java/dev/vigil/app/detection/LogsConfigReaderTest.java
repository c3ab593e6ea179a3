package dev.vigil.app.detection;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.vigil.detection.logs.LogSettings;
import dev.vigil.features.logs.DrainParameters;
import dev.vigil.features.logs.MaskRule;
import dev.vigil.features.logs.formats.FormatCatalogue;
import dev.vigil.ingest.kafka.KafkaLogSources;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** vigil.logs.* as configuration gives it, checked at start: each mistake names its key. */
class LogsConfigReaderTest {

    private static final FormatCatalogue FORMATS = FormatCatalogue.shipped();

    record Drain(Optional<Integer> depth, Optional<Double> similarity, Optional<Integer> distinctValues,
            Optional<Boolean> keyValues, Optional<List<String>> masks, Map<String, String> maskPatterns, int maxChildren,
            int maxTemplates) implements LogsConfig.Drain {

        /** Only the bounds: every template setting the generic default's. */
        Drain(int maxChildren, int maxTemplates) {
            this(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of(),
                    maxChildren, maxTemplates);
        }
    }

    record Sessions(Duration idleTimeout, int maxOpen, int maxEvents) implements LogsConfig.Sessions {
    }

    record Source(Optional<String> sessionId, Optional<Integer> depth, Optional<Double> similarity,
            Optional<Integer> distinctValues, Optional<Boolean> keyValues, Optional<List<String>> masks,
            Map<String, String> maskPatterns) implements LogsConfig.Source {

        Source(String sessionId) {
            this(Optional.ofNullable(sessionId), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Map.of());
        }
    }

    record KafkaSource(String topic, Optional<String> format, Optional<String> linePattern, Optional<String> timeFormat,
            Optional<String> service) implements KafkaLogSources.Source {

        KafkaSource(String format) {
            this(format + ".logs", Optional.of(format), Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    record TemplateSettings(Optional<String> name, boolean ignore) implements LogsConfig.TemplateSettings {
    }

    record Config(Path formatsFolder, Drain drain, Sessions sessions, int maxServices, String incidents,
            Map<String, LogsConfig.Source> sources, Map<String, LogsConfig.TemplateSettings> templates) implements LogsConfig {

        Config(Drain drain, Sessions sessions, int maxServices, Map<String, LogsConfig.Source> sources,
                Map<String, LogsConfig.TemplateSettings> templates) {
            this(Path.of("formats"), drain, sessions, maxServices, "service", sources, templates);
        }
    }

    private static final Drain DRAIN = new Drain(100, 5000);
    private static final Sessions SESSIONS = new Sessions(Duration.ofMinutes(5), 10_000, 1_000);

    private static LogSettings settings(Drain drain, Map<String, LogsConfig.Source> sources,
            Map<String, KafkaLogSources.Source> kafka) {
        return LogsConfigReader.read(new Config(drain, SESSIONS, 100, sources, Map.of()), kafka, FORMATS);
    }

    @Test
    void aSourceGetsItsFormatsTemplateSettingsWithItsOwnOnTopAndTheOthersTheGenericDefault() {
        LogSettings settings = LogsConfigReader.read(new Config(DRAIN, SESSIONS, 100, Map.of(
                "hdfs", new Source(Optional.of("blk_-?\\d+"), Optional.empty(), Optional.of(0.7), Optional.empty(),
                        Optional.of(false), Optional.empty(), Map.of("block", "blk_-?\\d+")),
                "kafka", new Source(null)), Map.of(
                "5f1c0a2e9b7d", new TemplateSettings(Optional.of("block-received"), false),
                "0c93e1aa4b02", new TemplateSettings(Optional.empty(), true))),
                Map.of("hdfs", new KafkaSource("HDFS"), "mac", new KafkaSource("Mac")), FORMATS);

        LogSettings.SourceSettings hdfs = settings.source("hdfs");
        assertThat(hdfs.sessionId().pattern()).isEqualTo("blk_-?\\d+");
        assertThat(hdfs.drain()).isEqualTo(FORMATS.get("HDFS").templates().withSimilarityThreshold(0.7).withKeyValues(false)
                .withMasks(hdfs.drain().masks()));
        assertThat(hdfs.drain().masks()).extracting(MaskRule::name).startsWith("block", "url");
        assertThat(settings.source("mac").drain()).as("a source naming a format, no settings of its own")
                .isEqualTo(FORMATS.get("Mac").templates()).extracting(DrainParameters::depth).isEqualTo(3);
        assertThat(settings.source("kafka").sessionId()).isNull();
        assertThat(settings.source("kafka").drain()).isEqualTo(DrainParameters.defaults());
        assertThat(settings.source("elsewhere")).isEqualTo(settings.defaults());
        assertThat(settings.overrides().names()).containsEntry("5f1c0a2e9b7d", "block-received");
        assertThat(settings.overrides().ignored()).containsExactly("0c93e1aa4b02");
        assertThat(settings.incidentPerService()).isTrue();
        assertThat(LogsConfigReader.read(new Config(Path.of("formats"), DRAIN, SESSIONS, 100, "detector", Map.of(),
                Map.of()), Map.of(), FORMATS).incidentPerService()).isFalse();
    }

    @Test
    void theSharedSettingsChangeTheGenericDefaultAndTheBoundsBindEverySource() {
        Drain drain = new Drain(Optional.of(5), Optional.empty(), Optional.of(2), Optional.empty(), Optional.of(List.of("ip")),
                Map.of("order", "order-\\d+"), 50, 100);

        LogSettings settings = settings(drain, Map.of(), Map.of("hdfs", new KafkaSource("HDFS")));

        assertThat(settings.defaults().drain().depth()).isEqualTo(5);
        assertThat(settings.defaults().drain().distinctValues()).isEqualTo(2);
        assertThat(settings.defaults().drain().masks()).extracting(MaskRule::name).containsExactly("order", "ip");
        assertThat(settings.source("hdfs").drain().depth()).as("its format's, not the generic default's").isEqualTo(4);
        assertThat(settings.source("hdfs").drain().maxTemplates()).isEqualTo(100);
        assertThat(settings.source("hdfs").drain().maxChildren()).isEqualTo(50);
        assertThat(settings(new Drain(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(List.of("none")), Map.of(), 100, 5000), Map.of(), Map.of()).defaults().drain().masks()).isEmpty();
    }

    @Test
    void aMistakeNamesItsKey() {
        assertThatThrownBy(() -> settings(DRAIN, Map.of("hdfs", new Source("blk_(")), Map.of()))
                .hasMessageStartingWith("vigil.logs.sources.hdfs.session-id: not a valid regex: Unclosed group");
        assertThatThrownBy(() -> settings(new Drain(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(List.of("ip", "uuid2")), Map.of(), 100, 5000), Map.of(), Map.of()))
                .hasMessageStartingWith("vigil.logs.drain.masks: unknown mask 'uuid2', known: url, uuid");
        assertThatThrownBy(() -> settings(new Drain(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of("id", "["), 100, 5000), Map.of(), Map.of()))
                .hasMessageStartingWith("vigil.logs.drain.mask-patterns.id: not a valid regex");
        assertThatThrownBy(() -> settings(new Drain(Optional.of(2), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of(), 100, 5000), Map.of(), Map.of()))
                .hasMessage("vigil.logs.drain: Drain depth must be at least 3, got 2");
        assertThatThrownBy(() -> settings(new Drain(100, 0), Map.of(), Map.of()))
                .hasMessageContaining("vigil.logs.drain: Drain max templates must be at least 1");
        assertThatThrownBy(() -> settings(DRAIN, Map.of("hdfs", new Source(Optional.empty(), Optional.empty(),
                Optional.of(1.5), Optional.empty(), Optional.empty(), Optional.empty(), Map.of())), Map.of()))
                .hasMessageStartingWith("vigil.logs.sources.hdfs: Drain similarity threshold must be in (0, 1]");
        assertThatThrownBy(() -> settings(DRAIN, Map.of("hdfs", new Source(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(1), Optional.empty(), Optional.empty(), Map.of())), Map.of()))
                .hasMessage("vigil.logs.sources.hdfs: distinct values must be between 2 and 100, got 1");
        assertThatThrownBy(() -> settings(DRAIN, Map.of(), Map.of("x", new KafkaSource("HDFS2"))))
                .hasMessageStartingWith("vigil.kafka.sources.x.format: unknown log format 'HDFS2'");
        assertThatThrownBy(() -> LogsConfigReader.read(new Config(DRAIN, SESSIONS, 1, Map.of(),
                Map.of("abc", new TemplateSettings(Optional.of(" "), false))), Map.of(), FORMATS))
                .hasMessageStartingWith("vigil.logs.templates: template override 'abc.name' needs an id and a name");
        assertThatThrownBy(() -> LogsConfigReader.read(new Config(DRAIN, new Sessions(Duration.ZERO, 1, 1), 1, Map.of(),
                Map.of()), Map.of(), FORMATS)).hasMessageStartingWith("vigil.logs.sessions.idle-timeout: must be positive");
        assertThatThrownBy(() -> LogsConfigReader.read(new Config(DRAIN, new Sessions(Duration.ofMinutes(1), 0, 1), 1,
                Map.of(), Map.of()), Map.of(), FORMATS)).hasMessage("vigil.logs.sessions.max-open: must be at least 1, got 0");
        assertThatThrownBy(() -> LogsConfigReader.read(new Config(Path.of("formats"), DRAIN, SESSIONS, 1, "template",
                Map.of(), Map.of()), Map.of(), FORMATS)).hasMessage("vigil.logs.incidents: must be service or detector, got template");
    }
}

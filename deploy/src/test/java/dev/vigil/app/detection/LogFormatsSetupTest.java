package dev.vigil.app.detection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.vigil.features.logs.formats.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What Vigil does with its formats folder at start ({@link LogFormatsSetup}, the producer every log source and the log
 * stream are built from): a broken file stops the start, naming the file and the key; a good one is there to name.
 */
class LogFormatsSetupTest {

    @TempDir
    Path folder;

    private LogsConfig config() {
        return new LogsConfigReaderTest.Config(folder, new LogsConfigReaderTest.Drain(100, 5000),
                new LogsConfigReaderTest.Sessions(Duration.ofMinutes(5), 10, 10), 10, "service", Map.of(), Map.of());
    }

    @Test
    void aBrokenFormatFileStopsTheStartNamingTheFileAndTheKey() throws IOException {
        Files.writeString(folder.resolve("acme.yaml"), "formats: {acme: {layout: '<time> <message>', "
                + "templates: {similarity: 1.5}}}");

        assertThatThrownBy(() -> new LogFormatsSetup().catalogue(config())).isInstanceOf(FormatException.class)
                .hasMessage(folder.resolve("acme.yaml") + ": formats.acme.templates.similarity: must be more than 0 and at"
                        + " most 1, got 1.5");
    }

    @Test
    void aGoodOneIsThereToNameAndItsLinesAreReadWithItsLayout() throws IOException {
        Files.writeString(folder.resolve("acme.yaml"), "formats: {acme: {layout: '<level>|<message>'}}");

        LogFormatsSetup setup = new LogFormatsSetup();
        var catalogue = setup.catalogue(config());

        assertThat(setup.lines(catalogue).get("ACME").pattern().matcher("WARN|slow").matches()).isTrue();
        assertThat(LogsConfigReader.read(config(), Map.of("acme", new LogsConfigReaderTest.KafkaSource("acme.logs",
                Optional.of("acme"), Optional.empty(), Optional.empty(), Optional.empty())), catalogue).source("acme").drain())
                .isEqualTo(catalogue.get("acme").templates());
        assertThat(List.of(catalogue.names().split(", "))).contains("acme", "HDFS");
    }
}

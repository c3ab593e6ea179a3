package dev.vigil.app.replay;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.vigil.app.cli.ReplayCli;
import dev.vigil.app.testing.MachineSensors;
import dev.vigil.app.testing.MachineSensors.Incident;
import dev.vigil.app.testing.MachineSensors.Reading;
import dev.vigil.app.testing.ReferenceModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A detector with a PMML model over history: four hours of one milling machine's raw readings (every 20 s), re-windowed
 * into the live one-minute windows, judged by the machine-health Isolation Forest (trained on what export-features
 * wrote of such windows) read from the {@code --models} folder; the only alert falls on the loose bearing.
 */
class ReplayModelTest {

    private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
    private static final Incident LOOSE_BEARING = new Incident("mill-2", 215, 8);
    private static final Path DETECTORS = Path.of("src", "test", "resources", "machine", "detectors.yaml");

    @TempDir
    Path work;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void rawReadingsAreJudgedByTheModelAndOnlyTheLooseBearingAlerts() throws Exception {
        Path models = Files.createDirectories(work.resolve("models"));
        Files.copy(ReferenceModels.machineHealth(), models.resolve("machine-health.pmml"));
        Path input = writeReadings();

        assertThat(replay(input, models)).as(err()).isZero();

        List<String> rows = Files.readAllLines(work.resolve("out/mill-2.csv"));
        assertThat(rows.get(0)).isEqualTo("timestamp,vibration,spindle_current,bearing_temperature,anomaly_score,alert");
        List<Integer> alertMinutes = new ArrayList<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",");
            if (cells[5].equals("1")) {
                alertMinutes.add((int) Duration.between(T0, Instant.parse(cells[0])).toMinutes());
            }
        }
        assertThat(alertMinutes).as(err()).singleElement().satisfies(minute -> assertThat(minute)
                .isBetween(LOOSE_BEARING.fromMinute(), LOOSE_BEARING.fromMinute() + LOOSE_BEARING.minutes()));
    }

    @Test
    void aDetectorWhoseModelIsNotThereIsRefusedWithTheReason() throws Exception {
        Path models = Files.createDirectories(work.resolve("models"));
        Path input = writeReadings();

        assertThat(replay(input, models)).isEqualTo(2);
        assertThat(err()).contains("replay: detector 'machine-health': no file " + models.resolve("machine-health.pmml"));
        assertThat(work.resolve("out")).doesNotExist();
    }

    /** One row per reading time: timestamp,vibration,spindle_current,bearing_temperature. */
    private Path writeReadings() throws Exception {
        Map<Instant, Map<String, Double>> byTime = new LinkedHashMap<>();
        for (Reading r : MachineSensors.readings(List.of("mill-2"), T0, 0, 240, LOOSE_BEARING)) {
            byTime.computeIfAbsent(r.at(), t -> new LinkedHashMap<>()).put(r.metric(), r.value());
        }
        StringBuilder csv = new StringBuilder("timestamp,").append(String.join(",", MachineSensors.METRICS)).append('\n');
        byTime.forEach((at, values) -> {
            csv.append(at);
            MachineSensors.METRICS.forEach(m -> csv.append(String.format(Locale.ROOT, ",%.4f", values.get(m))));
            csv.append('\n');
        });
        Path input = Files.createDirectories(work.resolve("in")).resolve("mill-2.csv");
        Files.writeString(input, csv);
        return input;
    }

    private int replay(Path input, Path models) {
        return ReplayCli.run(new String[] {"--input", input.getParent().toString(), "--output",
                work.resolve("out").toString(), "--config", DETECTORS.toString(), "--detector", "machine-health",
                "--window", "1m", "--models", models.toString()}, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}

package dev.vigil.app.replay;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.vigil.app.cli.VigilCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replay holds no file: it streams it. A file whose rows, held, would need more heap than the replay has (30,000 rows
 * of 38 metrics: about 70 MB as cells, values and times) replays in a JVM of its own started with {@code -Xmx48m}, and
 * every row comes out scored.
 */
class ReplayStreamingTest {

    private static final int ROWS = 30_000;
    private static final int METRICS = 38;
    private static final String DETECTORS = """
            detectors:
              quick:
                stream: metrics
                scorers: {robust-z: {threshold: 3.5}}
            """;

    @TempDir
    Path work;

    @Test
    void aFileLargerThanTheHeapReplaysInALittleHeap() throws Exception {
        Path input = Files.createDirectories(work.resolve("in")).resolve("servers.csv");
        write(input);
        Path config = Files.writeString(work.resolve("detectors.yaml"), DETECTORS);
        Path log = work.resolve("replay.log");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");

        Process replay = new ProcessBuilder(java.toString(), "-Xmx48m", "-cp", System.getProperty("java.class.path"),
                VigilCli.class.getName(), "replay", "--input", input.getParent().toString(), "--output", work.resolve("out").toString(),
                "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();

        assertThat(replay.waitFor(10, TimeUnit.MINUTES)).as("finished in 10 minutes").isTrue();
        String said = Files.readString(log);
        assertThat(replay.exitValue()).as(said).isZero();
        assertThat(said).contains("30,000 rows in 1 files scored by quick").doesNotContain("OutOfMemoryError");
        try (Stream<String> lines = Files.lines(work.resolve("out/servers.csv"))) {
            assertThat(lines.count()).isEqualTo(ROWS + 1);
        }
    }

    private static void write(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder("timestamp");
            for (int m = 0; m < METRICS; m++) {
                header.append(",metric_").append(m);
            }
            out.write(header + "\n");
            Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
            for (int r = 0; r < ROWS; r++) {
                StringBuilder row = new StringBuilder(t0.plusSeconds(60L * r).toString());
                for (int m = 0; m < METRICS; m++) {
                    row.append(',').append(String.format(Locale.ROOT, "%.3f", 100 + m + ((r * 7 + m * 13) % 17) / 10.0));
                }
                out.write(row + "\n");
            }
        }
    }

    @Test
    void theRowsOfAFileAreNotHeldOnceRead() throws IOException {
        Path input = work.resolve("long.csv");
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        for (int r = 0; r < 5_000; r++) {
            csv.append(Instant.parse("2026-11-01T00:00:00Z").plusSeconds(r)).append(',').append(r % 10).append('\n');
        }
        Files.writeString(input, csv);

        try (ReplayFile file = ReplayFile.open(input)) {
            WeakReference<ReplayRow> first = new WeakReference<>(file.next());
            long rows = 1;
            while (file.next() != null) {
                rows++;
            }
            System.gc();
            assertThat(rows).isEqualTo(5_000);
            assertThat(first.get()).as("the first row, read long ago, is garbage").isNull();
            assertThat(file.metrics()).isEqualTo(List.of("value"));
        }
    }
}

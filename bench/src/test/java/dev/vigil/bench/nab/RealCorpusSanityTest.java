package dev.vigil.bench.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The scorer on the real NAB corpus (skipped where {@code /work/shared/datasets/nab}, or {@code -Dnab.dir}, is not
 * there): writes results trees for the null detector (all 0), a perfect one (1 on the first row of each window) and
 * NAB's "random" baseline idea (uniform scores, fixed seed) under {@code target/nab-sanity/}, scores them through the
 * command line, and checks null = 0 and perfect = 100 on every profile.
 */
class RealCorpusSanityTest {

    private static final Path NAB = Path.of(System.getProperty("nab.dir", "/work/shared/datasets/nab"));
    private static final Path OUT = Path.of("target", "nab-sanity");

    @Test
    void nullScoresZeroPerfectScoresHundredRandomInBetween() throws IOException {
        assumeTrue(Files.isDirectory(NAB.resolve("data")), "no NAB corpus at " + NAB);
        List<DataFile> corpus = CorpusReader.read(NAB);
        assertThat(corpus).hasSize(58);
        assertThat(corpus.stream().mapToInt(f -> f.windows().size()).sum()).isEqualTo(116);

        write(corpus, "null", (f, i) -> 0.0);
        Map<String, Set<Integer>> starts = new HashMap<>();
        for (DataFile f : corpus) {
            Set<Integer> s = new HashSet<>();
            f.windows().forEach(w -> s.add(f.timestamps().indexOf(w.start())));
            starts.put(f.relativePath(), s);
        }
        write(corpus, "perfect", (f, i) -> starts.get(f.relativePath()).contains(i) ? 1.0 : 0.0);
        Random random = new Random(42);
        write(corpus, "random", (f, i) -> random.nextDouble());

        for (JsonNode p : score("null").path("profiles")) {
            assertThat(p.path("optimised").path("score").asDouble()).isEqualTo(0.0);
        }
        for (JsonNode p : score("perfect").path("profiles")) {
            assertThat(p.path("optimised").path("score").asDouble()).isEqualTo(100.0);
            assertThat(p.path("optimised").path("tpWindows").asInt()).isEqualTo(116);
            assertThat(p.path("optimised").path("fpRows").asInt()).isZero();
        }
        for (JsonNode p : score("random").path("profiles")) {
            assertThat(p.path("optimised").path("score").asDouble()).isBetween(-100.0, 100.0);
        }
    }

    private static void write(List<DataFile> corpus, String detector, BiFunction<DataFile, Integer, Double> score)
            throws IOException {
        for (DataFile f : corpus) {
            List<String> lines = new ArrayList<>(List.of("timestamp,value,anomaly_score,label"));
            List<String> data = Files.readAllLines(NAB.resolve("data").resolve(f.relativePath()));
            for (int i = 0; i < f.size(); i++) {
                lines.add(data.get(i + 1) + "," + score.apply(f, i) + "," + (inWindow(f, i) ? 1 : 0));
            }
            Path p = ResultsReader.resultsFile(OUT.resolve("results"), detector, f);
            Files.createDirectories(p.getParent());
            Files.write(p, lines);
        }
    }

    private static boolean inWindow(DataFile f, int i) {
        LocalDateTime t = f.timestamps().get(i);
        return f.windows().stream().anyMatch(w -> !t.isBefore(w.start()) && !t.isAfter(w.end()));
    }

    private static JsonNode score(String detector) throws IOException {
        Path json = OUT.resolve(detector + ".json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = NabScore.run(new String[] {"--nab", NAB.toString(), "--results", OUT.resolve("results").toString(),
                "--detector", detector, "--threshold", "0.5", "--json", json.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(rc).as(err.toString(StandardCharsets.UTF_8)).isZero();
        Files.writeString(OUT.resolve(detector + ".txt"), out.toString(StandardCharsets.UTF_8));
        return new ObjectMapper().readTree(json.toFile());
    }
}

package dev.vigil.bench.replay;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;

/**
 * The replay benchmark's input ({@code bench/replay.sh}), generated, deterministic for its size: a point a minute from
 * 2026-01-01, each series a daily wave around a level of its own with Gaussian noise, and incidents to find (a spike,
 * a level shift that lasts two hours, a slow drift). {@code univariate.csv} is one {@code value} column;
 * {@code servers.csv} is a host's metrics, {@code metric_00} to {@code metric_NN} in one row, where every incident
 * hits a third of them at once.
 * <pre>
 * java -cp bench/target/classes dev.vigil.bench.replay.ReplayData --output DIR --univariate 400000 --servers 400000 --metrics 38
 * </pre>
 */
public final class ReplayData {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final int MINUTES_A_DAY = 1440;
    /** An incident every this many rows, of the three kinds in turn. */
    private static final int INCIDENT_EVERY = 20_000;

    private ReplayData() {
    }

    public static void main(String[] args) throws IOException {
        Path output = null;
        int univariate = 400_000;
        int servers = 400_000;
        int metrics = 38;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--output" -> output = Path.of(args[i + 1]);
                case "--univariate" -> univariate = Integer.parseInt(args[i + 1]);
                case "--servers" -> servers = Integer.parseInt(args[i + 1]);
                case "--metrics" -> metrics = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (output == null) {
            throw new IllegalArgumentException("usage: ReplayData --output DIR [--univariate ROWS] [--servers ROWS] "
                    + "[--metrics N]");
        }
        Files.createDirectories(output);
        write(output.resolve("univariate.csv"), univariate, 1);
        write(output.resolve("servers.csv"), servers, metrics);
    }

    /** A file of {@code rows} rows and {@code metrics} value columns ({@code value} when there is one). */
    static void write(Path file, int rows, int metrics) throws IOException {
        Random random = new Random(rows * 31L + metrics);
        double[] level = new double[metrics];
        double[] wave = new double[metrics];
        double[] noise = new double[metrics];
        for (int m = 0; m < metrics; m++) {
            level[m] = 20 + random.nextInt(80);
            wave[m] = level[m] * (0.05 + 0.2 * random.nextDouble());
            noise[m] = level[m] * (0.005 + 0.02 * random.nextDouble());
        }
        StringBuilder line = new StringBuilder(16 + 12 * metrics);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            line.append("timestamp");
            for (int m = 0; m < metrics; m++) {
                line.append(',').append(metrics == 1 ? "value" : String.format(Locale.ROOT, "metric_%02d", m));
            }
            out.write(line.append('\n').toString());
            for (int r = 0; r < rows; r++) {
                line.setLength(0);
                line.append(START.plusSeconds(60L * r));
                double day = Math.sin(2 * Math.PI * (r % MINUTES_A_DAY) / MINUTES_A_DAY);
                for (int m = 0; m < metrics; m++) {
                    double value = level[m] + wave[m] * day + noise[m] * random.nextGaussian()
                            + incident(r, m, metrics) * noise[m];
                    appendThreeDecimals(line.append(','), value);
                }
                out.write(line.append('\n').toString());
            }
        }
    }

    /** How far, in the metric's noise, an incident moves it on this row. */
    private static double incident(int row, int metric, int metrics) {
        int since = row % INCIDENT_EVERY;
        int kind = row / INCIDENT_EVERY % 3;
        if (row < INCIDENT_EVERY || metric % 3 != (row / INCIDENT_EVERY) % Math.min(3, metrics)) {
            return 0;
        }
        return switch (kind) {
            case 0 -> since == 0 ? 15 : 0;
            case 1 -> since < 120 ? 6 : 0;
            default -> since < 600 ? since / 60.0 : 0;
        };
    }

    private static void appendThreeDecimals(StringBuilder line, double value) {
        long thousandths = Math.round(value * 1000);
        if (thousandths < 0) {
            line.append('-');
            thousandths = -thousandths;
        }
        line.append(thousandths / 1000).append('.');
        long fraction = thousandths % 1000;
        line.append(fraction < 100 ? fraction < 10 ? "00" : "0" : "").append(fraction);
    }
}

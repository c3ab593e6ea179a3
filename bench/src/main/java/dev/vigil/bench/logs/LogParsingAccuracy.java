package dev.vigil.bench.logs;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;

import dev.vigil.features.logs.DrainMiner;
import dev.vigil.features.logs.DrainParameters;
import dev.vigil.features.logs.Template;
import dev.vigil.ingest.kafka.LogFormat;
import dev.vigil.ingest.kafka.LogFormats;

/**
 * {@code LogParsingAccuracy --loghub DIR}: grouping accuracy of Vigil's Drain miner on the 16 loghub 2k samples, against
 * the original ({@code DIR/loghub_2k}) and the corrected ({@code DIR/loghub_2k_corrected}) ground truth, with each
 * system's tuned setting ({@link LoghubSetting}) and with one global setting ({@link DrainParameters#defaults()}), Drain's
 * published figure beside each, and the parsing throughput.
 * <p>
 * Each line is read as ISO-8859-1 (as logparser does), stripped of {@code \r} and surrounding whitespace, split by the
 * system's shipped {@link LogFormats format}, and its {@code message} group fed to a fresh miner; the parsed event id
 * of a line is the id of the template it belongs to at the end of the run.
 */
public final class LogParsingAccuracy {

    private LogParsingAccuracy() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !args[0].equals("--loghub")) {
            System.err.println("usage: LogParsingAccuracy --loghub DIR   (DIR holds loghub_2k/ and loghub_2k_corrected/)");
            System.exit(2);
        }
        System.exit(run(Path.of(args[1]), System.out));
    }

    record Row(String system, double anchor, double logparserOriginal, double tunedOriginal, double tunedCorrected,
            double globalOriginal, double globalCorrected) {
    }

    static int run(Path dir, PrintStream out) throws IOException {
        List<Row> rows = new ArrayList<>();
        long lines = 0;
        long nanos = 0;
        for (LoghubSetting setting : LoghubSetting.ALL) {
            String s = setting.system();
            List<String> contents = contents(dir.resolve("loghub_2k_corrected").resolve(s).resolve(s + "_2k.log"), s);
            List<String> originalContents = contents(dir.resolve("loghub_2k").resolve(s).resolve(s + "_2k.log"), s);
            List<String> truthOriginal = eventIds(dir.resolve("loghub_2k").resolve(s).resolve(s + "_2k.log_structured.csv"));
            List<String> truthCorrected = eventIds(dir.resolve("loghub_2k_corrected").resolve(s)
                    .resolve(s + "_2k.log_structured_corrected.csv"));
            long start = System.nanoTime();
            List<String> tunedOriginal = parse(originalContents, setting.tuned());
            nanos += System.nanoTime() - start;
            lines += originalContents.size();
            List<String> tunedCorrected = parse(contents, setting.tuned());
            List<String> globalOriginal = parse(originalContents, DrainParameters.defaults());
            List<String> globalCorrected = parse(contents, DrainParameters.defaults());
            List<String> logparserOriginal = parse(originalContents, setting.logparser());
            rows.add(new Row(s, setting.anchor(),
                    GroupingAccuracy.of(truthOriginal, logparserOriginal),
                    GroupingAccuracy.of(truthOriginal, tunedOriginal),
                    GroupingAccuracy.of(truthCorrected, tunedCorrected),
                    GroupingAccuracy.of(truthOriginal, globalOriginal),
                    GroupingAccuracy.of(truthCorrected, globalCorrected)));
        }
        out.println("Grouping accuracy on loghub 2k. Drain = published figure (Zhu et al. 2019); logparser = Vigil's miner"
                + " with logparser's Drain settings; tuned = per-system masks, st, depth (LoghubSetting); global ="
                + " DrainParameters.defaults() on every system");
        out.printf(Locale.ROOT, "%-12s %6s %10s %8s %8s %8s %8s%n", "", "Drain", "logparser", "tuned", "tuned",
                "global", "global");
        out.printf(Locale.ROOT, "%-12s %6s %10s %8s %8s %8s %8s%n", "system", "orig", "orig", "orig", "corr", "orig",
                "corr");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "%-12s %6.3f %10.3f %8.3f %8.3f %8.3f %8.3f%s%n", r.system, r.anchor,
                    r.logparserOriginal, r.tunedOriginal, r.tunedCorrected, r.globalOriginal, r.globalCorrected,
                    Math.round(r.tunedOriginal * 1000) < Math.round(r.anchor * 1000) ? "   tuned below Drain" : "");
        }
        out.printf(Locale.ROOT, "%-12s %6.3f %10.3f %8.3f %8.3f %8.3f %8.3f%n", "average", average(rows, Row::anchor),
                average(rows, Row::logparserOriginal), average(rows, Row::tunedOriginal),
                average(rows, Row::tunedCorrected), average(rows, Row::globalOriginal),
                average(rows, Row::globalCorrected));
        out.printf(Locale.ROOT, "(Brain's published average: %.3f)%n", LoghubSetting.BRAIN_AVERAGE);
        out.printf(Locale.ROOT, "tuned pass over the original samples, cold JVM, fresh miner per system: %,d lines in %d ms"
                + " = %,.0f lines/s%n", lines, nanos / 1_000_000, lines / (nanos / 1e9));
        return 0;
    }

    private static double average(List<Row> rows, java.util.function.ToDoubleFunction<Row> f) {
        return rows.stream().mapToDouble(f).average().orElse(0);
    }

    static List<String> parse(List<String> contents, DrainParameters parameters) {
        DrainMiner miner = new DrainMiner(parameters);
        List<String> ids = new ArrayList<>(contents.size());
        for (String content : contents) {
            ids.add(miner.match(content).id());
        }
        return ids;
    }

    static List<String> contents(Path log, String system) throws IOException {
        LogFormat format = LogFormats.get(system);
        List<String> contents = new ArrayList<>();
        int n = 0;
        for (String raw : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
            n++;
            String line = raw.replace("\r", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = format.pattern().matcher(line);
            if (!m.matches()) {
                throw new IOException(log + " line " + n + " does not match the " + system + " format: " + line);
            }
            contents.add(m.group("message"));
        }
        return contents;
    }

    static List<String> eventIds(Path structured) throws IOException {
        List<List<String>> rows = LoghubCsv.read(structured);
        int column = rows.get(0).indexOf("EventId");
        if (column < 0) {
            throw new IOException(structured + " has no EventId column");
        }
        List<String> ids = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            ids.add(row.size() > column ? row.get(column) : "");
        }
        return ids;
    }
}

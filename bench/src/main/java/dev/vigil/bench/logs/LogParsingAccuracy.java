package dev.vigil.bench.logs;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.contracts.InvalidInputException;
import dev.vigil.features.logs.DrainMiner;
import dev.vigil.features.logs.DrainParameters;
import dev.vigil.features.logs.formats.FormatCatalogue;
import dev.vigil.features.logs.formats.NamedFormat;
import dev.vigil.ingest.kafka.LogFormat;
import dev.vigil.ingest.kafka.LogRecordParser;

/**
 * {@code LogParsingAccuracy --loghub DIR [--formats DIR]}: grouping accuracy of Vigil's template miner on the 16 loghub
 * 2k samples, against the original ({@code DIR/loghub_2k}) and the corrected ({@code DIR/loghub_2k_corrected}) ground
 * truth, with each system's shipped format ({@code ./vigil parse-logs --format <System>}: its layout and its templates
 * settings, from {@link FormatCatalogue}, plus the formats folder when given) and with the generic default
 * ({@code --generic}: {@link DrainParameters#defaults()}, what a source without a format gets), beside Drain's and
 * Brain's published figures; and each one's lines per second.
 * <p>
 * Each line is read as ISO-8859-1 (as logparser does), stripped of {@code \r} and surrounding whitespace, split by the
 * system's format, and its {@code message} group fed to a fresh miner; a line's event id is the id of the template it
 * belongs to at the end of the run. Every line is also read as a Kafka source of the format reads it (time included),
 * and lines that do not read are counted. Each setting also parses the original sample in three seeded shuffled orders
 * (shuf: the mean accuracy), since what holds only in the sample's own order is fitted to it. Lines per second: the
 * fastest of five timed passes over the original sample per system and setting (a fresh miner each), after an untimed
 * pass over everything (so the JIT has compiled the miner).
 */
public final class LogParsingAccuracy {

    private static final List<String> GROUND_TRUTHS = List.of("loghub_2k", "loghub_2k_corrected");
    private static final int SHUFFLES = 3;
    /** Timed passes per system and setting; the fastest counts, the others met a machine busy elsewhere. */
    private static final int TIMED_PASSES = 5;

    private LogParsingAccuracy() {
    }

    public static void main(String[] args) throws IOException {
        if (!(args.length == 2 || args.length == 4) || !args[0].equals("--loghub")
                || (args.length == 4 && !args[2].equals("--formats"))) {
            System.err.println("usage: LogParsingAccuracy --loghub DIR [--formats DIR]   (DIR holds loghub_2k/ and "
                    + "loghub_2k_corrected/)");
            System.exit(2);
        }
        FormatCatalogue catalogue = args.length == 4 ? FormatCatalogue.load(Path.of(args[3])) : FormatCatalogue.shipped();
        System.exit(run(Path.of(args[1]), catalogue, System.out));
    }

    /** One system's figures: per setting, accuracy on both ground truths and lines per second. */
    record Row(LoghubPublished published, Result format, Result generic) {
    }

    /** Accuracy on the original and corrected ground truth, on the original in shuffled orders, and speed. */
    record Result(double original, double corrected, double shuffled, double linesPerSecond) {
    }

    /** One system's sample: the messages and event ids of both ground truths. */
    private record Sample(LoghubPublished published, LogFormat line, DrainParameters format, List<String> original,
            List<String> corrected, List<String> truthOriginal, List<String> truthCorrected) {
    }

    static int run(Path dir, FormatCatalogue catalogue, PrintStream out) throws IOException {
        List<Sample> samples = new ArrayList<>();
        long unread = 0;
        long lines = 0;
        for (LoghubPublished published : LoghubPublished.ALL) {
            String s = published.system();
            NamedFormat format = catalogue.get(s);
            Path original = dir.resolve(GROUND_TRUTHS.get(0)).resolve(s);
            Path corrected = dir.resolve(GROUND_TRUTHS.get(1)).resolve(s);
            samples.add(new Sample(published, format.line(), format.templates(),
                    contents(original.resolve(s + "_2k.log"), format.line()),
                    contents(corrected.resolve(s + "_2k.log"), format.line()),
                    eventIds(original.resolve(s + "_2k.log_structured.csv")),
                    eventIds(corrected.resolve(s + "_2k.log_structured_corrected.csv"))));
            unread += unreadLines(original.resolve(s + "_2k.log"), format.line());
            lines += Files.readAllLines(original.resolve(s + "_2k.log"), StandardCharsets.ISO_8859_1).size();
        }
        for (Sample sample : samples) { // warm-up: the timed passes below run compiled code
            parse(sample.original(), sample.format());
            parse(sample.original(), DrainParameters.defaults());
        }
        List<Row> rows = new ArrayList<>();
        for (Sample sample : samples) {
            rows.add(new Row(sample.published(), result(sample, sample.format()), result(sample, DrainParameters.defaults())));
        }
        print(rows, out);
        out.printf(Locale.ROOT, "Every line read as a Kafka source of its format reads it (layout and time): %,d of %,d"
                + " lines did not.%n", unread, lines);
        return 0;
    }

    private static Result result(Sample sample, DrainParameters parameters) {
        List<String> original = parse(sample.original(), parameters);
        long fastest = Long.MAX_VALUE;
        for (int pass = 0; pass < TIMED_PASSES; pass++) {
            long start = System.nanoTime();
            parse(sample.original(), parameters);
            fastest = Math.min(fastest, System.nanoTime() - start);
        }
        return new Result(GroupingAccuracy.of(sample.truthOriginal(), original),
                GroupingAccuracy.of(sample.truthCorrected(), parse(sample.corrected(), parameters)),
                shuffled(sample, parameters), sample.original().size() / (fastest / 1e9));
    }

    /**
     * The mean accuracy over {@value #SHUFFLES} seeded shuffles of the original sample's lines: an online miner meets
     * lines in the order they come, so a setting that holds only in the sample's own order is fitted to it.
     */
    private static double shuffled(Sample sample, DrainParameters parameters) {
        double sum = 0;
        for (int seed = 1; seed <= SHUFFLES; seed++) {
            List<Integer> order = new ArrayList<>(IntStream.range(0, sample.original().size()).boxed().toList());
            Collections.shuffle(order, new Random(seed));
            List<String> ids = parse(order.stream().map(sample.original()::get).toList(), parameters);
            sum += GroupingAccuracy.of(order.stream().map(sample.truthOriginal()::get).toList(), ids);
        }
        return sum / SHUFFLES;
    }

    private static void print(List<Row> rows, PrintStream out) {
        out.println("Grouping accuracy on loghub 2k, original (orig) and corrected (corr) ground truth. Drain, Brain ="
                + " published figures; format = the system's shipped format (./vigil parse-logs --format <System>);"
                + " generic = the generic default (--generic, no per-system settings)");
        out.printf(Locale.ROOT, "%-12s %6s %6s | %-31s | %-31s%n", "", "Drain", "Brain", "format", "generic");
        out.printf(Locale.ROOT, "%-12s %6s %6s | %6s %6s %6s %9s | %6s %6s %6s %9s%n", "system", "orig", "orig", "orig",
                "corr", "shuf", "lines/s", "orig", "corr", "shuf", "lines/s");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "%-12s %6.3f %6.3f | %s | %s%s%n", r.published().system(), r.published().drain(),
                    r.published().brain(), columns(r.format()), columns(r.generic()), below(r));
        }
        out.printf(Locale.ROOT, "%-12s %6.3f %6.3f | %s | %s%n", "average", average(rows, r -> r.published().drain()),
                average(rows, r -> r.published().brain()), columns(mean(rows, Row::format)),
                columns(mean(rows, Row::generic)));
        out.printf(Locale.ROOT, "(published averages: Drain %.3f, Brain %.3f)%n", LoghubPublished.DRAIN_AVERAGE,
                LoghubPublished.BRAIN_AVERAGE);
    }

    private static String columns(Result r) {
        return String.format(Locale.ROOT, "%6.3f %6.3f %6.3f %,9.0f", r.original(), r.corrected(), r.shuffled(),
                r.linesPerSecond());
    }

    private static Result mean(List<Row> rows, Function<Row, Result> setting) {
        return new Result(average(rows, r -> setting.apply(r).original()), average(rows, r -> setting.apply(r).corrected()),
                average(rows, r -> setting.apply(r).shuffled()), average(rows, r -> setting.apply(r).linesPerSecond()));
    }

    /** A mark where a setting stays below Drain's published figure on the original ground truth. */
    private static String below(Row r) {
        double drain = Math.round(r.published().drain() * 1000);
        String format = Math.round(r.format().original() * 1000) < drain ? " format" : "";
        String generic = Math.round(r.generic().original() * 1000) < drain ? " generic" : "";
        return format.isEmpty() && generic.isEmpty() ? "" : "   below Drain:" + format + generic;
    }

    private static double average(List<Row> rows, ToDoubleFunction<Row> f) {
        return rows.stream().mapToDouble(f).average().orElse(0);
    }

    static List<String> parse(List<String> contents, DrainParameters parameters) {
        DrainMiner miner = new DrainMiner(parameters);
        List<String> ids = new ArrayList<>(contents.size());
        for (String content : contents) {
            ids.add(miner.match(content).id());
        }
        return ids.stream().map(miner::resolve).toList();
    }

    static List<String> contents(Path log, LogFormat format) throws IOException {
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
                throw new IOException(log + " line " + n + " does not match the " + format.name() + " format: " + line);
            }
            contents.add(m.group("message"));
        }
        return contents;
    }

    /** Lines a Kafka source of the format would dead-letter (its layout or its time does not read them). */
    private static long unreadLines(Path log, LogFormat format) throws IOException {
        LogRecordParser parser = new LogRecordParser(format, Integer.MAX_VALUE, new ObjectMapper(), Clock.systemUTC());
        long unread = 0;
        for (String raw : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
            String line = raw.replace("\r", "").strip();
            try {
                if (!line.isEmpty()) {
                    parser.parse("service", line);
                }
            } catch (InvalidInputException e) {
                unread++;
            }
        }
        return unread;
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

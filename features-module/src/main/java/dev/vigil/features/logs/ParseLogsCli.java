package dev.vigil.features.logs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

import dev.vigil.ingest.csv.Csv;
import dev.vigil.ingest.kafka.LogFormat;
import dev.vigil.ingest.kafka.LogFormats;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code parse-logs --format NAME --input FILE --output structured.csv [--similarity X] [--depth N]}: mines the
 * templates of a log file with Drain and writes one row per input line, {@code LineId,EventId,EventTemplate}, the
 * layout of loghub's ground truth, so the templates can be inspected and their accuracy checked.
 * <p>
 * Each line (read as UTF-8 with malformed bytes replaced, {@code \r} and surrounding whitespace stripped) is split by
 * the shipped {@link LogFormats format}; its {@code message} group is what Drain reads, with the default masks. LineId
 * is the line's number in the file; blank lines are skipped. EventId is the template's stable id, EventTemplate its
 * text at the end of the run, quoted as CSV needs ({@link Csv}).
 * <p>
 * Exit codes: 0 when every line was parsed; 2 for bad usage, an unknown format, an unreadable input or a line that does
 * not match the format, with the reason (file and line number) on stderr. The output appears only when every line was
 * parsed.
 */
public final class ParseLogsCli {

    private static final String USAGE = "usage: parse-logs --format NAME --input FILE --output structured.csv"
            + " [--similarity X] [--depth N]";
    private static final Set<String> OPTIONS = Set.of("--format", "--input", "--output", "--similarity", "--depth");

    private ParseLogsCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    /** Runs the command and returns its exit code, so it can be tested without ending the JVM. */
    static int run(String[] args, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!OPTIONS.contains(args[i]) || i + 1 == args.length) {
                err.println("parse-logs: unexpected argument '" + args[i] + "'\n" + USAGE);
                return 2;
            }
            options.put(args[i], args[i + 1]);
        }
        if (!options.keySet().containsAll(List.of("--format", "--input", "--output"))) {
            err.println(USAGE);
            return 2;
        }
        LogFormat format;
        DrainParameters parameters = DrainParameters.defaults();
        try {
            format = LogFormats.get(options.get("--format"));
            if (options.containsKey("--similarity")) {
                parameters = parameters.withSimilarityThreshold(Double.parseDouble(options.get("--similarity")));
            }
            if (options.containsKey("--depth")) {
                parameters = parameters.withDepth(Integer.parseInt(options.get("--depth")));
            }
        } catch (IllegalArgumentException e) { // NumberFormatException is one
            err.println("parse-logs: " + e.getMessage());
            return 2;
        }
        Path input = Path.of(options.get("--input"));
        Path output = Path.of(options.get("--output"));
        long start = System.nanoTime();
        try {
            DrainMiner miner = new DrainMiner(parameters);
            int lines = parse(miner, format, input, output);
            long millis = (System.nanoTime() - start) / 1_000_000;
            err.printf("parse-logs: %d lines, %d templates in %d ms -> %s%n", lines, miner.size(), millis, output);
            return 0;
        } catch (UnmatchedLineException e) {
            err.println("parse-logs: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("parse-logs: cannot read " + input + " or write " + output + ": " + e);
            return 2;
        }
    }

    private static final class UnmatchedLineException extends IOException {
        UnmatchedLineException(String message) {
            super(message);
        }
    }

    private static int parse(DrainMiner miner, LogFormat format, Path input, Path output) throws IOException {
        List<Integer> lineIds = new ArrayList<>();
        List<String> eventIds = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(input),
                StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE)))) {
            int number = 0;
            for (String raw = reader.readLine(); raw != null; raw = reader.readLine()) {
                number++;
                String line = raw.replace("\r", "").strip();
                if (line.isEmpty()) {
                    continue;
                }
                Matcher m = format.pattern().matcher(line);
                if (!m.matches()) {
                    throw new UnmatchedLineException(input + " line " + number + " does not match format '"
                            + format.name() + "' (" + format.description() + "): "
                            + (line.length() > 120 ? line.substring(0, 120) + "..." : line));
                }
                String message = m.group("message");
                lineIds.add(number);
                eventIds.add(miner.match(message == null ? "" : message).id());
            }
        }
        // Written beside the output and moved in place at the end, so a failed run never leaves a file that looks
        // like a complete result
        Path partial = output.resolveSibling(output.getFileName() + ".partial");
        try (CSVPrinter writer = Csv.printer(Files.newBufferedWriter(partial, StandardCharsets.UTF_8))) {
            writer.printRecord("LineId", "EventId", "EventTemplate");
            Map<String, String> texts = new HashMap<>();
            for (Template t : miner.templates()) {
                texts.put(t.id(), t.text());
            }
            for (int i = 0; i < lineIds.size(); i++) {
                writer.printRecord(lineIds.get(i), eventIds.get(i), texts.get(eventIds.get(i)));
            }
            writer.close();
            Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING);
            return lineIds.size();
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}

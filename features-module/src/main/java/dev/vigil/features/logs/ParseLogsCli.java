package dev.vigil.features.logs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.CodingErrorAction;
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
import java.util.stream.Collectors;

import dev.vigil.features.logs.formats.FormatCatalogue;
import dev.vigil.features.logs.formats.NamedFormat;
import dev.vigil.ingest.csv.Csv;
import dev.vigil.ingest.kafka.LogFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code parse-logs --format NAME [--generic] [--formats DIR] --input FILE --output structured.csv [--similarity X]
 * [--depth N] [--distinct-values K]}: mines the templates of a log file exactly as a source of that format does, and
 * writes one row per input line, {@code LineId,EventId,EventTemplate}, the layout of loghub's ground truth, so the
 * templates can be inspected and their accuracy checked.
 * <p>
 * The format is a shipped one or one of the formats folder ({@code --formats}, default {@code formats}, as Vigil's
 * {@code vigil.logs.formats-folder}): each line (read as UTF-8 with malformed bytes replaced, {@code \r} and
 * surrounding whitespace stripped) is split by its layout, and its {@code message} group mined with the format's
 * template settings ({@code --generic}: with the generic default's, as a source without a format; the options after
 * it change one setting). LineId is the line's number in the file; blank lines are skipped. EventId is the id of the
 * template the line belongs to at the end of the run (one it joined since, when its own merged into another),
 * EventTemplate its text, quoted as CSV needs ({@link Csv}).
 * <p>
 * Exit codes: 0 when every line was parsed; 2 for bad usage, an unknown format, a broken formats folder, an unreadable
 * input or a line that does not match the format, with the reason (file and line number) on stderr. The output appears
 * only when every line was parsed.
 */
public final class ParseLogsCli {

    private static final String USAGE = "usage: parse-logs --format NAME [--generic] [--formats DIR] --input FILE"
            + " --output structured.csv [--similarity X] [--depth N] [--distinct-values K]";
    private static final Set<String> OPTIONS = Set.of("--format", "--formats", "--input", "--output", "--similarity",
            "--depth", "--distinct-values");
    private static final String GENERIC = "--generic";

    private ParseLogsCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    /** Runs the command and returns its exit code, so it can be tested without ending the JVM. */
    static int run(String[] args, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        boolean generic = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(GENERIC)) {
                generic = true;
            } else if (OPTIONS.contains(args[i]) && i + 1 < args.length) {
                options.put(args[i], args[++i]);
            } else {
                err.println("parse-logs: unexpected argument '" + args[i] + "'\n" + USAGE);
                return 2;
            }
        }
        if (!options.keySet().containsAll(List.of("--format", "--input", "--output"))) {
            err.println(USAGE);
            return 2;
        }
        NamedFormat format;
        DrainParameters parameters;
        try {
            format = FormatCatalogue.load(Path.of(options.getOrDefault("--formats", "formats")))
                    .get(options.get("--format"));
            parameters = generic ? DrainParameters.defaults() : format.templates();
            if (options.containsKey("--similarity")) {
                parameters = parameters.withSimilarityThreshold(Double.parseDouble(options.get("--similarity")));
            }
            if (options.containsKey("--depth")) {
                parameters = parameters.withDepth(Integer.parseInt(options.get("--depth")));
            }
            if (options.containsKey("--distinct-values")) {
                parameters = parameters.withDistinctValues(Integer.parseInt(options.get("--distinct-values")));
            }
        } catch (IllegalArgumentException e) { // NumberFormatException and FormatException are ones
            err.println("parse-logs: " + e.getMessage());
            return 2;
        }
        Path input = Path.of(options.get("--input"));
        Path output = Path.of(options.get("--output"));
        err.println("parse-logs: format " + format.name() + " (" + format.origin() + "), templates "
                + (generic ? "of the generic default" : "of the format") + ": " + describe(parameters));
        long start = System.nanoTime();
        try {
            DrainMiner miner = new DrainMiner(parameters);
            int lines = parse(miner, format.line(), input, output);
            long nanos = System.nanoTime() - start;
            err.printf("parse-logs: %d lines, %d templates in %d ms (%.0f lines/s) -> %s%n", lines, miner.size(),
                    nanos / 1_000_000, lines / (nanos / 1e9), output);
            return 0;
        } catch (UnmatchedLineException e) {
            err.println("parse-logs: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("parse-logs: cannot read " + input + " or write " + output + ": " + e);
            return 2;
        }
    }

    private static String describe(DrainParameters p) {
        return "depth " + p.depth() + ", similarity " + p.similarityThreshold() + ", distinct values "
                + p.distinctValues() + ", key=value values " + (p.keyValues() ? "variables" : "counted") + ", masks "
                + p.masks().stream().map(MaskRule::name).collect(Collectors.joining(","));
    }

    private static final class UnmatchedLineException extends IOException {
        UnmatchedLineException(String message) {
            super(message);
        }
    }

    private static int parse(DrainMiner miner, LogFormat format, Path input, Path output) throws IOException {
        List<Integer> lineIds = new ArrayList<>();
        List<String> eventIds = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(input),
                StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE)))) {
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
                String id = miner.resolve(eventIds.get(i));
                writer.printRecord(lineIds.get(i), id, texts.getOrDefault(id, ""));
            }
            writer.close();
            Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING);
            return lineIds.size();
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}

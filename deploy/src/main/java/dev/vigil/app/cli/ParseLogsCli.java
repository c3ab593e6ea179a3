package dev.vigil.app.cli;

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
import java.util.regex.Matcher;
import java.util.stream.Collectors;

import dev.vigil.features.logs.DrainMiner;
import dev.vigil.features.logs.DrainParameters;
import dev.vigil.features.logs.MaskRule;
import dev.vigil.features.logs.Template;
import dev.vigil.features.logs.formats.FormatCatalogue;
import dev.vigil.features.logs.formats.NamedFormat;
import dev.vigil.ingest.csv.Csv;
import dev.vigil.ingest.kafka.LogFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vigil parse-logs}: mines the templates of a log file exactly as a source of that format does, and
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
@Command(name = "parse-logs", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Mines a log file's templates exactly as a source of that format does and writes "
                + "LineId,EventId,EventTemplate per line (loghub's ground-truth layout).")
public final class ParseLogsCli extends CliCommand {

    @Option(names = "--format", required = true, paramLabel = "NAME", description = "a shipped format or one of --formats")
    String formatName;
    @Option(names = "--generic", description = "mine the message with the generic default's settings, not the format's")
    boolean generic;
    @Option(names = "--formats", defaultValue = "formats", paramLabel = "DIR",
            description = "the formats folder, as vigil.logs.formats-folder (default: ${DEFAULT-VALUE})")
    Path formats;
    @Option(names = "--input", required = true, paramLabel = "FILE", description = "the log file")
    Path input;
    @Option(names = "--output", required = true, paramLabel = "structured.csv", description = "the CSV written")
    Path output;
    @Option(names = "--similarity", paramLabel = "X", description = "overrides the similarity threshold")
    Double similarity;
    @Option(names = "--depth", paramLabel = "N", description = "overrides the prefix tree's depth")
    Integer depth;
    @Option(names = "--distinct-values", paramLabel = "K", description = "overrides the values a word takes to be a variable")
    Integer distinctValues;

    /** Runs the command as {@code vigil parse-logs} would and returns its exit code; for tests. */
    static int run(String[] args, PrintStream err) {
        return execute(new ParseLogsCli(), args, Map.of(), err, err);
    }

    @Override
    public Integer call() {
        NamedFormat format;
        DrainParameters parameters;
        try {
            format = FormatCatalogue.load(formats).get(formatName);
            parameters = generic ? DrainParameters.defaults() : format.templates();
            if (similarity != null) {
                parameters = parameters.withSimilarityThreshold(similarity);
            }
            if (depth != null) {
                parameters = parameters.withDepth(depth);
            }
            if (distinctValues != null) {
                parameters = parameters.withDistinctValues(distinctValues);
            }
        } catch (IllegalArgumentException e) { // NumberFormatException and FormatException are ones
            err.println("parse-logs: " + e.getMessage());
            return 2;
        }
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

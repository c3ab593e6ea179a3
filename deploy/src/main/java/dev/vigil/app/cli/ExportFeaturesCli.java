package dev.vigil.app.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.vigil.app.replay.ProgressBar;
import dev.vigil.ingest.csv.Csv;
import dev.vigil.ingest.csv.CsvException;
import dev.vigil.ingest.csv.CsvReader;
import dev.vigil.ingest.csv.CsvRow;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./vigil export-features --output FILE|- [--detector NAME] [--from ISO] [--to ISO] [--labelled]}: the scored
 * windows of a running Vigil's score history as CSV ({@code GET /api/export/features}; the columns are in
 * feedback-module/README.md), for retraining models. Progress on stderr. The file appears only when the export is
 * complete (written beside it, then moved). Exit 0 written, 1 refused by Vigil (the reason is printed), 2 bad usage,
 * Vigil unreachable or the file not writable.
 */
@Command(name = "export-features", mixinStandardHelpOptions = true, sortOptions = false,
        description = "A running Vigil's scored windows as CSV, for retraining models; verdicts as labels with --labelled.",
        footer = VigilApi.ENVIRONMENT)
public final class ExportFeaturesCli extends ApiCommand {

    @Option(names = "--output", required = true, paramLabel = "FILE|-", description = "the CSV file, or - for stdout")
    String output;
    @Option(names = "--detector", paramLabel = "NAME", description = "one detector's windows")
    String detector;
    @Option(names = "--from", paramLabel = "ISO-INSTANT", description = "windows ending at or after (2026-11-01T00:00:00Z)")
    String from;
    @Option(names = "--to", paramLabel = "ISO-INSTANT", description = "windows ending before")
    String to;
    @Option(names = "--labelled", description = "only windows with an operator's verdict, as the label column")
    boolean labelled;

    /** Runs the command as {@code vigil export-features} would and returns its exit code; for tests. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        return execute(new ExportFeaturesCli(), args, env, out, err);
    }

    @Override
    int call(VigilApi api) throws IOException, InterruptedException {
        for (String problem : new String[] { notAnInstant("--from", from), notAnInstant("--to", to) }) {
            if (problem != null) {
                return usage(problem);
            }
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("labelled", String.valueOf(labelled));
        parameters.put("detector", detector);
        parameters.put("from", from);
        parameters.put("to", to);
        String query = VigilApi.query(parameters);
        HttpResponse<InputStream> response = api.send(api.request("/api/export/features" + query,
                Duration.ofHours(6)).header("Accept", "text/csv").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            try (InputStream body = response.body()) {
                return refused("the export", response.statusCode(),
                        new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        ProgressBar progress = new ProgressBar(err, terminal,
                response.headers().firstValueAsLong("X-Vigil-Rows").orElse(0));
        long rows = output.equals("-") ? toStandardOutput(response.body(), out, progress)
                : toFile(response.body(), Path.of(output), progress);
        progress.finish(String.format(Locale.ROOT, "export-features: %,d windows -> %s", rows,
                output.equals("-") ? "standard output" : output));
        return 0;
    }

    /** Why {@code value} of {@code option} is not an instant, or null when it is one or is not given. */
    private static String notAnInstant(String option, String value) {
        try {
            if (value != null) {
                Instant.parse(value);
            }
            return null;
        } catch (DateTimeParseException e) {
            return option + " must be an ISO-8601 instant such as 2026-11-01T00:00:00Z, got '" + value + "'";
        }
    }

    @Override
    String failure(IOException e, VigilApi api) {
        return e.getMessage() + " (Vigil at " + api.base() + ", output " + output + ")";
    }

    private static long toStandardOutput(InputStream body, PrintStream out, ProgressBar progress) throws IOException {
        long rows = copy(body, new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16), progress);
        if (out.checkError()) {
            throw new IOException("could not write the output");
        }
        return rows;
    }

    /** Writes beside the target and moves it into place once complete. */
    private static long toFile(InputStream body, Path target, ProgressBar progress) throws IOException {
        Path absolute = target.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path partial = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".part");
        try {
            long rows;
            try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                rows = copy(body, out, progress);
            }
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING);
            return rows;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * Copies row by row through the CSV reader and printer (a quoted cell may hold a line break, so lines are not
     * rows), counting the rows after the header for the progress bar; flushes {@code out}, never closes it.
     */
    private static long copy(InputStream body, Writer out, ProgressBar progress) throws IOException {
        long rows = -1;
        try (CsvReader in = CsvReader.of(body)) {
            CSVPrinter printer = Csv.printer(out);
            for (CsvRow row = in.next(); row != null; row = in.next()) {
                printer.printRecord(row.cells());
                if (++rows > 0 && rows % 1000 == 0) {
                    progress.advance(1000, "windows");
                }
            }
            printer.flush();
        } catch (CsvException e) {
            throw new IOException("Vigil's export is not CSV at " + e.getMessage(), e);
        }
        progress.advance(Math.max(0, rows) % 1000, "windows");
        return Math.max(0, rows);
    }
}

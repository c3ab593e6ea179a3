package dev.vigil.app.cli;

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

import dev.vigil.ingest.csv.Csv;
import dev.vigil.ingest.csv.CsvException;
import dev.vigil.ingest.csv.CsvReader;
import dev.vigil.ingest.csv.CsvRow;
import dev.vigil.scoring.pmml.PmmlModel;
import dev.vigil.scoring.pmml.PmmlModelException;
import dev.vigil.scoring.pmml.PmmlResult;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vigil score-model}: scores every row of a CSV file with a
 * PMML model, to check an exported model before Vigil uses it.
 * <p>
 * The input is CSV ({@link Csv}: quoted cells, CRLF, a byte order mark; what {@code ./vigil export-features} writes)
 * with a header row that names at least every model input field; other columns are carried through. Each output row
 * is the input row with {@value #SCORE_COLUMN} and the model's own output fields appended, quoted where a cell needs
 * it. Row numbers in messages count the lines after the header from 1.
 * <p>
 * Exit codes: 0 when every row was scored; 2 for bad usage, a model that cannot be loaded, an unreadable file or a
 * row that cannot be scored, with the reason on stderr. The output file appears only when every row was scored.
 */
@Command(name = "score-model", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Scores every row of a CSV file (what export-features writes) with a PMML model, to check an "
                + "exported model before Vigil uses it.")
public final class ScoreModelCli extends CliCommand {

    static final String SCORE_COLUMN = "vigil_anomaly_score";

    @Option(names = "--model", required = true, paramLabel = "FILE.pmml", description = "the PMML model")
    Path modelFile;
    @Option(names = "--input", required = true, paramLabel = "rows.csv", description = "rows naming every model input")
    Path input;
    @Option(names = "--output", required = true, paramLabel = "scored.csv",
            description = "the rows with " + SCORE_COLUMN + " and the model's outputs")
    Path output;

    /** Runs the command as {@code vigil score-model} would and returns its exit code; for tests. */
    public static int run(String[] args, PrintStream err) {
        return execute(new ScoreModelCli(), args, Map.of(), err, err);
    }

    @Override
    public Integer call() {
        long start = System.nanoTime();
        try {
            PmmlModel model = PmmlModel.load(modelFile);
            long loaded = System.nanoTime();
            int rows = score(model, input, output);
            long done = System.nanoTime();
            err.printf("score-model: scored %d rows with %s in %d ms (model loaded in %d ms) -> %s%n", rows, model,
                    (done - loaded) / 1_000_000, (loaded - start) / 1_000_000, output);
            return 0;
        } catch (PmmlModelException e) {
            err.println("score-model: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("score-model: " + e);
            return 2;
        }
    }

    private static int score(PmmlModel model, Path input, Path output) throws IOException {
        // Written beside the output and moved in place at the end, so a failed run never leaves a file that looks
        // like a complete result
        Path partial = output.resolveSibling(output.getFileName() + ".partial");
        CsvRow headerRow = null;
        try (CsvReader reader = CsvReader.open(input);
             CSVPrinter writer = Csv.printer(Files.newBufferedWriter(partial, StandardCharsets.UTF_8))) {
            headerRow = reader.next();
            if (headerRow == null) {
                throw new PmmlModelException(input + " is empty: expected a header row naming the model inputs");
            }
            List<String> header = headerRow.cells();
            for (String field : model.inputFields()) {
                if (!header.contains(field)) {
                    throw new PmmlModelException(input + " has no column for model input field '" + field
                            + "' (header: " + headerRow.text() + ")");
                }
            }
            List<String> scoredHeader = new ArrayList<>(header);
            scoredHeader.add(SCORE_COLUMN);
            scoredHeader.addAll(model.outputFields());
            writer.printRecord(scoredHeader);
            int rows = 0;
            for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                long number = row.line() - headerRow.line();
                PmmlResult result = model.score("row " + number, features(model, header, row.cells(), number));
                List<Object> scored = new ArrayList<>(row.cells());
                scored.add(result.score());
                scored.addAll(result.outputs().values());
                writer.printRecord(scored);
                rows++;
            }
            writer.close();
            Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING);
            return rows;
        } catch (CsvException e) {
            throw new PmmlModelException(input + (headerRow == null ? " " + e.getMessage()
                    : " row " + (e.line() - headerRow.line()) + ": " + e.reason()));
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static Map<String, Double> features(PmmlModel model, List<String> header, List<String> cells, long row) {
        if (cells.size() != header.size()) {
            throw new PmmlModelException("row " + row + ": has " + cells.size() + " columns, the header has "
                    + header.size());
        }
        Map<String, Double> features = new HashMap<>();
        for (String field : model.inputFields()) {
            String cell = cells.get(header.indexOf(field));
            if (cell.isEmpty()) {
                throw new PmmlModelException("row " + row + ", field '" + field + "': the value is missing");
            }
            try {
                features.put(field, Double.parseDouble(cell));
            } catch (NumberFormatException e) {
                throw new PmmlModelException("row " + row + ", field '" + field + "': '" + cell
                        + "' is not a number");
            }
        }
        return features;
    }
}

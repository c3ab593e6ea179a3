package dev.vigil.scoring.pmml;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code score-model --model FILE.pmml --input rows.csv --output scored.csv}: scores every row of a CSV file with a
 * PMML model, to check an exported model before Vigil uses it.
 * <p>
 * The input is plain comma-separated text without quoting, with a header row that names at least every model input
 * field; other columns are carried through. Each output row is the input row with {@value #SCORE_COLUMN} and the
 * model's own output fields appended. Row numbers in messages count data rows from 1, after the header.
 * <p>
 * Exit codes: 0 when every row was scored; 2 for bad usage, a model that cannot be loaded, an unreadable file or a
 * row that cannot be scored, with the reason on stderr. The output file appears only when every row was scored.
 */
public final class ScoreModelCli {

    static final String SCORE_COLUMN = "vigil_anomaly_score";
    private static final String USAGE = "usage: score-model --model FILE.pmml --input rows.csv --output scored.csv";

    private ScoreModelCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    /** Runs the command and returns its exit code, so it can be tested without ending the JVM. */
    static int run(String[] args, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!List.of("--model", "--input", "--output").contains(args[i]) || i + 1 == args.length) {
                err.println("score-model: unexpected argument '" + args[i] + "'\n" + USAGE);
                return 2;
            }
            options.put(args[i], args[i + 1]);
        }
        if (options.size() != 3) {
            err.println(USAGE);
            return 2;
        }
        Path input = Path.of(options.get("--input"));
        Path output = Path.of(options.get("--output"));
        long start = System.nanoTime();
        try {
            PmmlModel model = PmmlModel.load(Path.of(options.get("--model")));
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
        try (BufferedReader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8);
             BufferedWriter writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            String headerLine = reader.readLine();
            if (headerLine == null) {
                throw new PmmlModelException(input + " is empty: expected a header row naming the model inputs");
            }
            List<String> header = List.of(headerLine.split(",", -1));
            for (String field : model.inputFields()) {
                if (!header.contains(field)) {
                    throw new PmmlModelException(input + " has no column for model input field '" + field
                            + "' (header: " + headerLine + ")");
                }
            }
            writer.write(headerLine + "," + SCORE_COLUMN + "," + String.join(",", model.outputFields()));
            writer.newLine();
            int row = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                row++;
                PmmlResult result = model.score("row " + row, features(model, header, line, row));
                StringBuilder scored = new StringBuilder(line).append(',').append(result.score());
                result.outputs().values().forEach(value -> scored.append(',').append(value));
                writer.write(scored.toString());
                writer.newLine();
            }
            writer.close();
            Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING);
            return row;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static Map<String, Double> features(PmmlModel model, List<String> header, String line, int row) {
        String[] cells = line.split(",", -1);
        if (cells.length != header.size()) {
            throw new PmmlModelException("row " + row + ": has " + cells.length + " columns, the header has "
                    + header.size());
        }
        Map<String, Double> features = new HashMap<>();
        for (String field : model.inputFields()) {
            String cell = cells[header.indexOf(field)].strip();
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

package dev.vigil.bench.nab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.ingest.csv.CsvException;
import dev.vigil.ingest.csv.CsvReader;
import dev.vigil.ingest.csv.CsvRow;

/**
 * Reads a detector's results tree {@code <results>/<detector>/<category>/<detector>_<file>.csv} strictly: every corpus
 * file must have its results file, with a header holding {@code anomaly_score}, exactly one row per data row, each
 * score a number in [0, 1], and (where it parses) the same timestamp as the data row.
 */
public final class ResultsReader {

    private ResultsReader() {
    }

    public static Path resultsFile(Path resultsDir, String detector, DataFile file) {
        Path dir = resultsDir.resolve(detector);
        if (!file.category().isEmpty()) {
            dir = dir.resolve(file.category());
        }
        return dir.resolve(detector + "_" + file.fileName());
    }

    /** Anomaly scores per corpus file, keyed by relative path, in corpus order. */
    public static Map<String, double[]> read(Path resultsDir, String detector, List<DataFile> corpus) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (DataFile file : corpus) {
            out.put(file.relativePath(), readFile(resultsFile(resultsDir, detector, file), file));
        }
        return out;
    }

    static double[] readFile(Path csv, DataFile file) {
        if (!Files.isRegularFile(csv)) {
            throw new NabInputException(csv + ": missing results file for " + file.relativePath());
        }
        double[] scores = new double[file.size()];
        try (CsvReader in = CsvReader.open(csv)) {
            CsvRow header = in.next();
            if (header == null) {
                throw new NabInputException(csv + ": row 1: empty file, expected header timestamp,value,anomaly_score,label");
            }
            List<String> names = header.cells();
            int col = names.indexOf("anomaly_score");
            int tsCol = names.indexOf("timestamp");
            if (col < 0) {
                throw new NabInputException(csv + ": row 1: no anomaly_score column in header '" + header.text() + "'");
            }
            int n = 0;
            long last = header.line();
            for (CsvRow f = in.next(); f != null; f = in.next()) {
                int row = Math.toIntExact(f.line());
                last = row;
                if (n >= scores.length) {
                    throw new NabInputException(csv + ": row " + row + ": more result rows than the "
                            + scores.length + " data rows of " + file.relativePath());
                }
                if (f.size() <= col) {
                    throw new NabInputException(csv + ": row " + row + ": no anomaly_score field");
                }
                scores[n] = score(csv, row, f.cell(col));
                if (tsCol >= 0 && tsCol < f.size()) {
                    checkTimestamp(csv, row, f.cell(tsCol), file.timestamps().get(n));
                }
                n++;
            }
            if (n != scores.length) {
                throw new NabInputException(csv + ": row " + last + ": " + n + " result rows, but "
                        + file.relativePath() + " has " + scores.length + " data rows");
            }
        } catch (CsvException e) {
            throw new NabInputException(csv + ": row " + e.line() + ": " + e.reason(), e);
        } catch (IOException e) {
            throw new NabInputException(csv + ": cannot read: " + e.getMessage(), e);
        }
        return scores;
    }

    private static double score(Path csv, int row, String text) {
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new NabInputException(csv + ": row " + row + ": anomaly_score '" + text + "' is not a number");
        }
        if (!(v >= 0.0 && v <= 1.0)) {
            throw new NabInputException(csv + ": row " + row + ": anomaly_score " + text + " is outside [0, 1]");
        }
        return v + 0.0; // -0.0 -> 0.0: NAB compares scores with ==, where the two are equal
    }

    private static void checkTimestamp(Path csv, int row, String text, LocalDateTime expected) {
        LocalDateTime t;
        try {
            t = Timestamps.parse(text);
        } catch (DateTimeParseException e) {
            return; // NAB takes the timestamps from the data file; an odd format here is not an error
        }
        if (!t.equals(expected)) {
            throw new NabInputException(csv + ": row " + row + ": timestamp " + text
                    + " differs from the data row's " + expected + " (rows out of order?)");
        }
    }
}

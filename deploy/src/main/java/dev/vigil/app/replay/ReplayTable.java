package dev.vigil.app.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.contracts.InvalidInputException;
import dev.vigil.ingest.Timestamps;
import dev.vigil.ingest.csv.CsvException;
import dev.vigil.ingest.csv.CsvReader;
import dev.vigil.ingest.csv.CsvRow;

/**
 * One historical CSV file ({@link dev.vigil.ingest.csv.Csv}: quoted cells, CRLF, a byte order mark), read whole and
 * checked before anything is scored: header {@code timestamp,value} or {@code timestamp,<metric1>,<metric2>,...}, an
 * optional {@code label} column that is carried but never scored, one row per point in the order it is to be replayed
 * (not sorted: replay is a stream). An empty cell is a missing value.
 *
 * @param header  the columns as written
 * @param metrics the columns scored, in header order
 * @param rows    the rows with their cells, for copying into the output
 */
record ReplayTable(Path file, List<String> header, List<String> metrics, List<Row> rows) {

    static final String TIMESTAMP = "timestamp";
    static final String LABEL = "label";

    /**
     * One row: its number among the data rows (from 1, the line after the header's), its event time, its cells and
     * the value of each metric column (NaN when the cell is empty).
     */
    record Row(int number, Instant timestamp, List<String> cells, double[] values) {

        /** The row as a window's features: each metric with a value, by name; empty when every cell is empty. */
        Map<String, Double> features(List<String> metrics) {
            Map<String, Double> features = new HashMap<>();
            for (int m = 0; m < values.length; m++) {
                if (!Double.isNaN(values[m])) {
                    features.put(metrics.get(m), values[m]);
                }
            }
            return features;
        }
    }

    static ReplayTable read(Path file) throws IOException {
        CsvRow headerRow = null;
        try (CsvReader in = CsvReader.open(file)) {
            headerRow = in.next();
            if (headerRow == null) {
                throw new ReplayException(file, 0, "the file is empty: it needs a header such as timestamp,value");
            }
            List<String> header = headerRow.cells();
            if (!header.get(0).equals(TIMESTAMP)) {
                throw new ReplayException(file, 0, "the first column must be 'timestamp', got '" + header.get(0) + "'");
            }
            List<String> metrics = new ArrayList<>();
            List<Integer> metricColumns = new ArrayList<>();
            for (int c = 1; c < header.size(); c++) {
                String name = header.get(c);
                if (name.isEmpty()) {
                    throw new ReplayException(file, 0, "column " + (c + 1) + " has no name");
                }
                if (!name.equals(LABEL)) {
                    if (metrics.contains(name)) {
                        throw new ReplayException(file, 0, "column '" + name + "' appears twice");
                    }
                    metrics.add(name);
                    metricColumns.add(c);
                }
            }
            if (metrics.isEmpty()) {
                throw new ReplayException(file, 0, "no column to score besides timestamp and label");
            }
            List<Row> rows = new ArrayList<>();
            for (CsvRow row = in.next(); row != null; row = in.next()) {
                rows.add(row(file, Math.toIntExact(row.line() - headerRow.line()), row.cells(), header.size(), metricColumns));
            }
            return new ReplayTable(file, header, List.copyOf(metrics), List.copyOf(rows));
        } catch (CsvException e) {
            throw headerRow == null ? new ReplayException(file, 0, e.getMessage())
                    : new ReplayException(file, Math.toIntExact(e.line() - headerRow.line()), e.reason());
        }
    }

    private static Row row(Path file, int number, List<String> cells, int columns, List<Integer> metricColumns) {
        if (cells.size() != columns) {
            throw new ReplayException(file, number, "expected " + columns + " columns as in the header, got " + cells.size());
        }
        Instant timestamp;
        try {
            timestamp = Timestamps.parse(cells.get(0));
        } catch (InvalidInputException e) {
            throw new ReplayException(file, number, e.getMessage());
        }
        double[] values = new double[metricColumns.size()];
        for (int m = 0; m < values.length; m++) {
            String cell = cells.get(metricColumns.get(m));
            values[m] = cell.isEmpty() ? Double.NaN : number(file, number, cell);
        }
        return new Row(number, timestamp, cells, values);
    }

    private static double number(Path file, int row, String cell) {
        double value;
        try {
            value = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new ReplayException(file, row, "'" + (cell.length() > 40 ? cell.substring(0, 40) + "…" : cell)
                    + "' is not a number");
        }
        if (!Double.isFinite(value)) {
            throw new ReplayException(file, row, "value must be finite, got " + cell);
        }
        return value;
    }
}

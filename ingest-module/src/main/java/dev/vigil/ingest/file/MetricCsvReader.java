package dev.vigil.ingest.file;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.vigil.contracts.InputRules;
import dev.vigil.contracts.InvalidInputException;
import dev.vigil.contracts.Observation;
import dev.vigil.ingest.Sources;
import dev.vigil.ingest.Timestamps;
import dev.vigil.ingest.csv.CsvReader;
import dev.vigil.ingest.csv.CsvRow;

/**
 * Reads a CSV file of business metrics, {@code timestamp,metric,value[,tag=value...]} ({@link dev.vigil.ingest.csv.Csv}:
 * quoted cells, CRLF and a byte order mark as spreadsheets write them), with an optional header row and blank lines
 * allowed. Observations are handed on in chunks so a large file streams. A bad row is reported to the caller and
 * reading goes on; a file with no row (empty, or only a header), with no good row, or that is not UTF-8 or not CSV
 * from some line on, is rejected whole.
 */
public final class MetricCsvReader {

    /** A row that could not be read, for the dead letters. */
    public record RejectedRow(int lineNumber, String line, String reason) {
    }

    /** What a file gave. */
    public record Summary(int accepted, int rejected) {
    }

    static final String LAYOUT = "timestamp,metric,value[,tag=value...]";

    private final int chunkSize;

    public MetricCsvReader(int chunkSize) {
        this.chunkSize = chunkSize;
    }

    /**
     * @throws InvalidInputException when the file as a whole cannot be read; rows already handed on stay handed on
     */
    public Summary read(InputStream in, Consumer<List<Observation>> chunks, Consumer<RejectedRow> rejects) throws IOException {
        List<Observation> chunk = new ArrayList<>(chunkSize);
        int accepted = 0;
        int rejected = 0;
        boolean header = false;
        try (CsvReader reader = CsvReader.of(in)) {
            for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                if (accepted + rejected == 0 && !header && isHeader(row)) {
                    header = true;
                    continue;
                }
                try {
                    chunk.add(parseRow(row.cells()));
                    accepted++;
                } catch (InvalidInputException e) {
                    rejected++;
                    rejects.accept(new RejectedRow(Math.toIntExact(row.line()), row.text(), e.getMessage()));
                }
                if (chunk.size() == chunkSize) {
                    chunks.accept(chunk);
                    chunk = new ArrayList<>(chunkSize);
                }
            }
        }
        if (!chunk.isEmpty()) {
            chunks.accept(chunk);
        }
        if (accepted + rejected == 0) {
            throw new InvalidInputException(header ? "the file has only a header and no rows; expected " + LAYOUT + " rows"
                    : "the file is empty; expected " + LAYOUT + " rows");
        }
        if (accepted == 0) {
            throw new InvalidInputException("no readable row: all " + rejected + " rows are bad; expected " + LAYOUT);
        }
        return new Summary(accepted, rejected);
    }

    static Observation parseRow(List<String> cells) {
        for (String cell : cells) {
            if (cell.indexOf('\0') >= 0) {
                throw new InvalidInputException("row contains a NUL byte");
            }
        }
        if (cells.size() < 3) {
            throw new InvalidInputException("expected " + LAYOUT + ", got " + cells.size() + " columns");
        }
        String valueCell = cells.get(2).strip();
        double value;
        try {
            value = Double.parseDouble(valueCell);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("value '" + InputRules.printable(valueCell, 40) + "' is not a number");
        }
        if (!Double.isFinite(value)) {
            throw new InvalidInputException("value must be a finite number, got " + valueCell);
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 3; i < cells.size(); i++) {
            String cell = cells.get(i).strip();
            int eq = cell.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException("column " + (i + 1) + " is not tag=value");
            }
            tags.put(cell.substring(0, eq).strip(), cell.substring(eq + 1).strip());
        }
        return Observation.of(Sources.FILE, cells.get(1).strip(), tags, Timestamps.parse(cells.get(0)), value);
    }

    /** A first row that names its columns: its first cell says timestamp, which no reading's time can be. */
    private static boolean isHeader(CsvRow row) {
        return row.size() > 1 && row.cell(0).strip().equalsIgnoreCase("timestamp");
    }
}

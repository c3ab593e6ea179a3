package dev.vigil.ingest.file;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.vigil.ingest.InvalidInputException;
import dev.vigil.ingest.Observation;
import dev.vigil.ingest.Sources;
import dev.vigil.ingest.Timestamps;

/**
 * Reads a CSV file of business metrics, {@code timestamp,metric,value[,tag=value...]}, with an optional header line
 * and blank lines allowed. Observations are handed on in chunks so a large file streams. A bad row is reported to
 * the caller and reading goes on; a file that is not UTF-8 text, or has no good row at all, is rejected whole.
 */
public final class MetricCsvReader {

    /** A row that could not be read, for the dead letters. */
    public record RejectedRow(int lineNumber, String line, String reason) {
    }

    /** What a file gave. */
    public record Summary(int accepted, int rejected) {
    }

    /** Spreadsheet programs start UTF-8 CSV files with one. */
    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private final int chunkSize;

    public MetricCsvReader(int chunkSize) {
        this.chunkSize = chunkSize;
    }

    /**
     * @throws InvalidInputException when the file as a whole cannot be read; rows already handed on stay handed on
     */
    public Summary read(InputStream in, Consumer<List<Observation>> chunks, Consumer<RejectedRow> rejects) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<Observation> chunk = new ArrayList<>(chunkSize);
        int accepted = 0;
        int rejected = 0;
        int lineNumber = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder))) {
            for (String line; (line = reader.readLine()) != null;) {
                lineNumber++;
                if (lineNumber == 1 && line.startsWith(BYTE_ORDER_MARK)) {
                    line = line.substring(1);
                }
                String trimmed = line.strip();
                if (trimmed.isEmpty() || lineNumber == 1 && isHeader(trimmed)) {
                    continue;
                }
                try {
                    chunk.add(parseRow(trimmed));
                    accepted++;
                } catch (InvalidInputException e) {
                    rejected++;
                    rejects.accept(new RejectedRow(lineNumber, line, e.getMessage()));
                }
                if (chunk.size() == chunkSize) {
                    chunks.accept(chunk);
                    chunk = new ArrayList<>(chunkSize);
                }
            }
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("not UTF-8 text (undecodable bytes after line " + lineNumber + ")");
        }
        if (!chunk.isEmpty()) {
            chunks.accept(chunk);
        }
        if (accepted == 0 && rejected > 0) {
            throw new InvalidInputException("no readable row: all " + rejected
                    + " rows are bad; expected timestamp,metric,value[,tag=value...]");
        }
        return new Summary(accepted, rejected);
    }

    static Observation parseRow(String row) {
        if (row.indexOf('\0') >= 0) {
            throw new InvalidInputException("row contains a NUL byte");
        }
        String[] cells = row.split(",", -1);
        if (cells.length < 3) {
            throw new InvalidInputException("expected timestamp,metric,value[,tag=value...], got " + cells.length + " columns");
        }
        double value;
        try {
            value = Double.parseDouble(cells[2].strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("value '" + dev.vigil.ingest.InputRules.printable(cells[2], 40) + "' is not a number");
        }
        if (!Double.isFinite(value)) {
            throw new InvalidInputException("value must be a finite number, got " + cells[2].strip());
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 3; i < cells.length; i++) {
            String cell = cells[i].strip();
            int eq = cell.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException("column " + (i + 1) + " is not tag=value");
            }
            tags.put(cell.substring(0, eq).strip(), cell.substring(eq + 1).strip());
        }
        return Observation.of(Sources.FILE, cells[1].strip(), tags, Timestamps.parse(cells[0]), value);
    }

    private static boolean isHeader(String line) {
        return line.regionMatches(true, 0, "timestamp,", 0, "timestamp,".length());
    }
}

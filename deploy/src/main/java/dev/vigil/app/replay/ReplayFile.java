package dev.vigil.app.replay;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.vigil.contracts.InvalidInputException;
import dev.vigil.ingest.Timestamps;
import dev.vigil.ingest.csv.CsvException;
import dev.vigil.ingest.csv.CsvReader;
import dev.vigil.ingest.csv.CsvRow;

/**
 * One historical CSV file ({@link dev.vigil.ingest.csv.Csv}: quoted cells, CRLF, a byte order mark), read row by row:
 * only the row in hand is held, so a file of any length replays in the same memory. The header is checked when the
 * file is opened: {@code timestamp,value} or {@code timestamp,<metric1>,<metric2>,...}, with an optional
 * {@code label} column (and any other named to be carried) that is carried but never scored. Each row is checked as it
 * is read (its column count, its time, its numbers). Rows come in file order, not sorted: replay is a stream.
 * <p>
 * Historical data is read as it is usually written: a time as the live sources write it ({@link Timestamps}), or a
 * date alone (the start of that day, UTC: daily series), or epoch seconds with a fraction; an empty cell, or one
 * saying {@code NaN}, {@code NA}, {@code N/A}, {@code null} or {@code None}, or an infinite number no detector could
 * learn, is a missing value (those other than empty are counted). Any other text where a number belongs stops the run.
 */
final class ReplayFile implements Closeable {

    static final String TIMESTAMP = "timestamp";
    static final String LABEL = "label";
    /** What data tools write for a missing number, read case-insensitively; an empty cell is missing too. */
    private static final Set<String> MISSING = Set.of("nan", "na", "n/a", "null", "none");

    private final Path file;
    private final CountingStream bytes;
    private final CsvReader in;
    private final long headerLine;
    private final List<String> header;
    private final List<String> metrics;
    private final int[] metricColumns;
    private long missingMarked;

    private ReplayFile(Path file, CountingStream bytes, CsvReader in, CsvRow headerRow, Set<String> carried) {
        this.file = file;
        this.bytes = bytes;
        this.in = in;
        this.headerLine = headerRow.line();
        this.header = headerRow.cells();
        if (!header.get(0).equalsIgnoreCase(TIMESTAMP)) {
            throw new ReplayException(file, 0, "the first column must be 'timestamp', got '" + header.get(0) + "'");
        }
        List<String> names = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        for (int c = 1; c < header.size(); c++) {
            String name = header.get(c);
            if (name.isEmpty()) {
                throw new ReplayException(file, 0, "column " + (c + 1) + " has no name");
            }
            if (!name.equals(LABEL) && !carried.contains(name)) {
                if (names.contains(name)) {
                    throw new ReplayException(file, 0, "column '" + name + "' appears twice");
                }
                names.add(name);
                columns.add(c);
            }
        }
        if (names.isEmpty()) {
            throw new ReplayException(file, 0, "no column to score besides timestamp and label");
        }
        this.metrics = List.copyOf(names);
        this.metricColumns = columns.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Opens the file and checks its header; the caller closes it. */
    static ReplayFile open(Path file) throws IOException {
        return open(file, Set.of());
    }

    /**
     * Opens the file and checks its header; the caller closes it.
     *
     * @param carried columns carried to the output but never scored, besides {@code label}
     */
    static ReplayFile open(Path file, Set<String> carried) throws IOException {
        CountingStream bytes = new CountingStream(Files.newInputStream(file));
        CsvReader in = CsvReader.of(bytes);
        try {
            CsvRow header = in.next();
            if (header == null) {
                throw new ReplayException(file, 0, "the file is empty: it needs a header such as timestamp,value");
            }
            return new ReplayFile(file, bytes, in, header, carried);
        } catch (CsvException e) {
            in.close();
            throw new ReplayException(file, 0, e.getMessage());
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    Path file() {
        return file;
    }

    /** The columns as written. */
    List<String> header() {
        return header;
    }

    /** The columns scored, in header order. */
    List<String> metrics() {
        return metrics;
    }

    /** Cells read so far as missing that were not empty: NaN, NA, N/A, null, None, infinite numbers. */
    long missingMarked() {
        return missingMarked;
    }

    /** Bytes of the file read so far (the reader reads ahead a little): for progress. */
    long bytesRead() {
        return bytes.count;
    }

    /**
     * The next row, or null after the last.
     *
     * @throws ReplayException naming the row for a row that is not what the header says, or text that is not CSV
     */
    ReplayRow next() throws IOException {
        CsvRow row;
        try {
            row = in.next();
        } catch (CsvException e) {
            throw new ReplayException(file, e.line() - headerLine, e.reason());
        }
        return row == null ? null : row(row.line() - headerLine, row.cells());
    }

    private ReplayRow row(long number, List<String> cells) {
        if (cells.size() != header.size()) {
            throw new ReplayException(file, number, "expected " + header.size() + " columns as in the header, got "
                    + cells.size());
        }
        Instant timestamp = time(number, cells.get(0));
        double[] values = new double[metricColumns.length];
        for (int m = 0; m < values.length; m++) {
            String cell = cells.get(metricColumns[m]);
            values[m] = cell.isEmpty() ? Double.NaN : number(number, cell);
        }
        return new ReplayRow(number, timestamp, cells, values);
    }

    private double number(long row, String cell) {
        double value;
        try {
            value = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            String word = cell.strip().toLowerCase(Locale.ROOT);
            if (MISSING.contains(word) || word.equals("inf") || word.equals("-inf") || word.equals("+inf")) {
                missingMarked++;
                return Double.NaN;
            }
            throw new ReplayException(file, row, "'" + (cell.length() > 40 ? cell.substring(0, 40) + "…" : cell)
                    + "' is not a number");
        }
        if (!Double.isFinite(value)) {
            missingMarked++;
            return Double.NaN;
        }
        return value;
    }

    /** The row's time as the live sources read it, or a date alone, or epoch seconds with a fraction. */
    private Instant time(long row, String cell) {
        try {
            return Timestamps.parse(cell);
        } catch (InvalidInputException e) {
            String text = cell.strip();
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                // nor a date
            }
            try {
                double seconds = Double.parseDouble(text);
                if (Double.isFinite(seconds) && seconds >= 0 && text.indexOf('.') > 0) {
                    long whole = (long) Math.floor(seconds);
                    Instant at = Timestamps.fromEpochNumber(whole);
                    // seconds, or millis for the numbers Timestamps reads as millis
                    long nanosPerUnit = whole != 0 && at.toEpochMilli() == whole ? 1_000_000L : 1_000_000_000L;
                    return at.plusNanos(Math.round((seconds - whole) * nanosPerUnit));
                }
            } catch (NumberFormatException | ArithmeticException notANumber) {
                // nor a number
            }
            throw new ReplayException(file, row, e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Counts the bytes the reader takes from the file. */
    private static final class CountingStream extends FilterInputStream {

        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count += Math.max(n, 0);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}

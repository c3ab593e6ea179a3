package dev.vigil.app.replay;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.vigil.ingest.InvalidInputException;
import dev.vigil.ingest.Timestamps;
import dev.vigil.ingest.csv.CsvException;
import dev.vigil.ingest.csv.CsvReader;
import dev.vigil.ingest.csv.CsvRow;

/**
 * One historical CSV file ({@link dev.vigil.ingest.csv.Csv}: quoted cells, CRLF, a byte order mark), read row by row:
 * only the row in hand is held, so a file of any length replays in the same memory. The header is checked when the
 * file is opened: {@code timestamp,value} or {@code timestamp,<metric1>,<metric2>,...}, with an optional
 * {@code label} column that is carried but never scored. Each row is checked as it is read (its column count, its
 * time, its numbers); an empty cell is a missing value. Rows come in file order, not sorted: replay is a stream.
 */
final class ReplayFile implements Closeable {

    static final String TIMESTAMP = "timestamp";
    static final String LABEL = "label";

    private final Path file;
    private final CountingStream bytes;
    private final CsvReader in;
    private final long headerLine;
    private final List<String> header;
    private final List<String> metrics;
    private final int[] metricColumns;

    private ReplayFile(Path file, CountingStream bytes, CsvReader in, CsvRow headerRow) {
        this.file = file;
        this.bytes = bytes;
        this.in = in;
        this.headerLine = headerRow.line();
        this.header = headerRow.cells();
        if (!header.get(0).equals(TIMESTAMP)) {
            throw new ReplayException(file, 0, "the first column must be 'timestamp', got '" + header.get(0) + "'");
        }
        List<String> names = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        for (int c = 1; c < header.size(); c++) {
            String name = header.get(c);
            if (name.isEmpty()) {
                throw new ReplayException(file, 0, "column " + (c + 1) + " has no name");
            }
            if (!name.equals(LABEL)) {
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
        CountingStream bytes = new CountingStream(Files.newInputStream(file));
        CsvReader in = CsvReader.of(bytes);
        try {
            CsvRow header = in.next();
            if (header == null) {
                throw new ReplayException(file, 0, "the file is empty: it needs a header such as timestamp,value");
            }
            return new ReplayFile(file, bytes, in, header);
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
        Instant timestamp;
        try {
            timestamp = Timestamps.parse(cells.get(0));
        } catch (InvalidInputException e) {
            throw new ReplayException(file, number, e.getMessage());
        }
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
            throw new ReplayException(file, row, "'" + (cell.length() > 40 ? cell.substring(0, 40) + "…" : cell)
                    + "' is not a number");
        }
        if (!Double.isFinite(value)) {
            throw new ReplayException(file, row, "value must be finite, got " + cell);
        }
        return value;
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

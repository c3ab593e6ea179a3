package dev.vigil.ingest.csv;

import java.io.IOException;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * CSV as Vigil reads and writes it everywhere (the inbox, replay, score-model, the feature export, the benchmarks):
 * RFC 4180 through Apache Commons CSV. Cells are separated by commas and may be quoted with double quotes; a quoted
 * cell may hold commas, quotes (written twice) and line breaks. Lines end in LF or CRLF. Spaces around a cell are not
 * part of it, so {@code a, "b,c"} is two cells, as spreadsheets mean it. {@link CsvReader} reads it (and skips a
 * UTF-8 byte order mark); what Vigil writes ends lines in LF and quotes only the cells that need it.
 */
public final class Csv {

    /** The one format: read by {@link CsvReader}, written by {@link #printer}. */
    public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreSurroundingSpaces(true)
            .setRecordSeparator('\n')
            .get();

    private Csv() {
    }

    /**
     * A printer of rows onto {@code out}. Closing it closes {@code out}; a caller that keeps {@code out} open flushes
     * the printer instead.
     */
    public static CSVPrinter printer(Appendable out) throws IOException {
        return FORMAT.print(out);
    }

    /** One row as CSV text without the line end, for messages and dead letters. */
    public static String text(List<String> cells) {
        return FORMAT.format(cells.toArray());
    }
}

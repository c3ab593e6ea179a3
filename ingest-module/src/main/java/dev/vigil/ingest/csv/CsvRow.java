package dev.vigil.ingest.csv;

import java.util.List;

/**
 * One row of a CSV file: the line it starts on (from 1, counting every line of the file, blank ones and the header
 * included; a quoted cell may run over several) and its cells, unquoted.
 */
public record CsvRow(long line, List<String> cells) {

    public CsvRow {
        cells = List.copyOf(cells);
    }

    public int size() {
        return cells.size();
    }

    public String cell(int column) {
        return cells.get(column);
    }

    /** The row written as CSV again, for messages and dead letters. */
    public String text() {
        return Csv.text(cells);
    }
}

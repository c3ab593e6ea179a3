package dev.vigil.bench.logs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.vigil.ingest.csv.CsvReader;
import dev.vigil.ingest.csv.CsvRow;

/** Reads the loghub CSV files pandas wrote (RFC 4180) whole, as Latin-1: some hold bytes that are not UTF-8. */
final class LoghubCsv {

    private LoghubCsv() {
    }

    static List<List<String>> read(Path file) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (CsvReader in = CsvReader.of(Files.newBufferedReader(file, StandardCharsets.ISO_8859_1))) {
            for (CsvRow row = in.next(); row != null; row = in.next()) {
                rows.add(row.cells());
            }
        }
        return rows;
    }
}

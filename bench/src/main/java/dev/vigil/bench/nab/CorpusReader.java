package dev.vigil.bench.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.ingest.csv.CsvException;
import dev.vigil.ingest.csv.CsvReader;
import dev.vigil.ingest.csv.CsvRow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads a NAB folder: {@code data/<category>/<file>.csv} (timestamps only; the scorer never needs the values) and
 * {@code labels/combined_windows.json}. Every data file must have an entry in the label file and the other way round,
 * and every window end must be a row timestamp of its file, as NAB's labeller requires.
 */
public final class CorpusReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CorpusReader() {
    }

    /** The corpus files sorted by relative path (NAB itself takes them in directory-walk order). */
    public static List<DataFile> read(Path nabDir) {
        Path dataDir = nabDir.resolve("data");
        Path labels = nabDir.resolve("labels").resolve("combined_windows.json");
        Map<String, List<Window>> windows = readWindows(labels);
        Map<String, Path> dataFiles = listCsv(dataDir);
        for (String key : windows.keySet()) {
            if (!dataFiles.containsKey(key)) {
                throw new NabInputException(labels + ": labels name " + key + ", which is not under " + dataDir);
            }
        }
        List<DataFile> out = new ArrayList<>();
        for (Map.Entry<String, Path> e : dataFiles.entrySet()) {
            List<Window> w = windows.get(e.getKey());
            if (w == null) {
                throw new NabInputException(labels + ": no entry for data file " + e.getKey());
            }
            DataFile file = new DataFile(e.getKey(), readTimestamps(e.getValue()), w);
            checkWindows(file, e.getValue());
            out.add(file);
        }
        if (out.isEmpty()) {
            throw new NabInputException(dataDir + ": no data files");
        }
        return out;
    }

    static Map<String, List<Window>> readWindows(Path labels) {
        JsonNode root;
        try {
            root = JSON.readTree(labels.toFile());
        } catch (IOException e) {
            throw new NabInputException(labels + ": cannot read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new NabInputException(labels + ": expected a JSON object of file -> windows");
        }
        Map<String, List<Window>> out = new TreeMap<>();
        for (Map.Entry<String, JsonNode> f : root.properties()) {
            List<Window> list = new ArrayList<>();
            if (!f.getValue().isArray()) {
                throw new NabInputException(labels + ": " + f.getKey() + ": expected a list of windows");
            }
            for (JsonNode w : f.getValue()) {
                if (!w.isArray() || w.size() != 2 || !w.get(0).isTextual() || !w.get(1).isTextual()) {
                    throw new NabInputException(labels + ": " + f.getKey() + ": a window must be [start, end]: " + w);
                }
                try {
                    list.add(new Window(Timestamps.parse(w.get(0).asText()), Timestamps.parse(w.get(1).asText())));
                } catch (DateTimeParseException | IllegalArgumentException e) {
                    throw new NabInputException(labels + ": " + f.getKey() + ": bad window " + w + ": " + e.getMessage(), e);
                }
            }
            out.put(f.getKey(), list);
        }
        return out;
    }

    private static Map<String, Path> listCsv(Path dataDir) {
        if (!Files.isDirectory(dataDir)) {
            throw new NabInputException(dataDir + ": no such folder");
        }
        Map<String, Path> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dataDir)) {
            walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".csv"))
                    .forEach(p -> out.put(dataDir.relativize(p).toString().replace('\\', '/'), p));
        } catch (IOException e) {
            throw new NabInputException(dataDir + ": cannot list: " + e.getMessage(), e);
        }
        return out;
    }

    static List<LocalDateTime> readTimestamps(Path csv) {
        List<LocalDateTime> out = new ArrayList<>();
        try (CsvReader in = CsvReader.open(csv)) {
            CsvRow header = in.next();
            if (header == null || !header.cell(0).equals("timestamp")) {
                throw new NabInputException(csv + ": row 1: expected header timestamp,value, got "
                        + (header == null ? "nothing" : header.text()));
            }
            for (CsvRow row = in.next(); row != null; row = in.next()) {
                String ts = row.cell(0);
                try {
                    out.add(Timestamps.parse(ts));
                } catch (DateTimeParseException e) {
                    throw new NabInputException(csv + ": row " + row.line() + ": bad timestamp '" + ts + "'", e);
                }
            }
        } catch (CsvException e) {
            throw new NabInputException(csv + ": row " + e.line() + ": " + e.reason(), e);
        } catch (IOException e) {
            throw new NabInputException(csv + ": cannot read: " + e.getMessage(), e);
        }
        return out;
    }

    private static void checkWindows(DataFile file, Path csv) {
        Set<LocalDateTime> present = new HashSet<>(file.timestamps());
        for (Window w : file.windows()) {
            if (!present.contains(w.start()) || !present.contains(w.end())) {
                throw new NabInputException(csv + ": window " + w.start() + " .. " + w.end()
                        + " does not start and end on row timestamps of the file");
            }
        }
    }
}

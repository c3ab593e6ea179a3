package dev.vigil.app.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Vigil with a formats folder holding one format of its own, {@code acme} (pipe-separated lines: ISO time, level,
 * message; a position a variable after 2 values), which the test profile's {@code hdfs} source names instead of the
 * shipped {@code HDFS}; with a database of its own.
 */
public class FormatsFolderProfile implements QuarkusTestProfile {

    /** The acme format's file, as a user would write it. */
    public static final String ACME = """
            formats:
              acme:
                description: ACME gateway, pipe-separated
                regex: '^(?<ts>[^|]+)\\|(?<level>[A-Z]+)\\|(?<message>.*)$'
                example: "2026-01-06T10:00:00Z|WARN|upstream slow"
                templates:
                  distinct-values: 2
            """;

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            Path folder = Files.createTempDirectory("vigil-formats-");
            Files.writeString(folder.resolve("acme.yaml"), ACME);
            return Map.of(
                    "vigil.logs.formats-folder", folder.toString(),
                    "vigil.kafka.sources.hdfs.format", "acme",
                    "quarkus.datasource.jdbc.url", "jdbc:h2:mem:vigil-formats-folder;DB_CLOSE_DELAY=-1");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

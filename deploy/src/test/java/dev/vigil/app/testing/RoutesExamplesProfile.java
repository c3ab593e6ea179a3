package dev.vigil.app.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Vigil whose routes folder holds the shipped examples (deploy/src/main/routes-examples, the files the README shows)
 * as they are, and the test routes of src/test/resources/kamelet-routes that use the other Vigil Kamelets; the
 * boiler-api example polls every second; a JSON metrics API stub ({@link MetricsApiStubResource}); a database of
 * its own.
 */
public class RoutesExamplesProfile implements QuarkusTestProfile {

    public static final Path EXAMPLES = Path.of("src/main/routes-examples");
    private static final Path KAMELET_ROUTES = Path.of("src/test/resources/kamelet-routes");

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            Path folder = Files.createTempDirectory("vigil-routes-examples-");
            copyYaml(EXAMPLES, folder);
            copyYaml(KAMELET_ROUTES, folder);
            return Map.of(
                    "vigil.routes.folder", folder.toString(),
                    "boiler-api.period", "1s",
                    "quarkus.datasource.jdbc.url", "jdbc:h2:mem:vigil-routes-examples;DB_CLOSE_DELAY=-1");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(MetricsApiStubResource.class));
    }

    private static void copyYaml(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}

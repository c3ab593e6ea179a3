package dev.vigil.app.testing;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Vigil started without a session encryption key, keeping one in a fresh folder of its own, with its log written to
 * a file there too (and a database of its own), so a test can read both.
 */
public class SessionKeyProfile implements QuarkusTestProfile {

    public static final Path FOLDER = Path.of("target", "session-key-test-" + ProcessHandle.current().pid()).toAbsolutePath();
    public static final Path KEY_FILE = FOLDER.resolve("data/session.key");
    public static final Path LOG_FILE = FOLDER.resolve("vigil.log");

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "vigil.console.session-key-file", KEY_FILE.toString(),
                "quarkus.log.file.enabled", "true",
                "quarkus.log.file.path", LOG_FILE.toString(),
                "quarkus.datasource.jdbc.url", "jdbc:h2:mem:vigil-session-key;DB_CLOSE_DELAY=-1");
    }
}

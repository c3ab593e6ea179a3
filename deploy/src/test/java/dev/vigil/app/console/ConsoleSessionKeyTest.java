package dev.vigil.app.console;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;

import dev.vigil.app.access.SessionKeySource;
import dev.vigil.app.testing.ConsoleSession;
import dev.vigil.app.testing.SessionKeyProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * Vigil started with no session encryption key configured: it keeps one in its data folder, owner-only, uses it for
 * the console's sessions, and neither it nor Quarkus ever writes it to the log (Quarkus would log a temporary key of
 * its own if it had none).
 */
@QuarkusTest
@TestProfile(SessionKeyProfile.class)
class ConsoleSessionKeyTest {

    @Test
    void theKeyIsMadeOnceKeptOwnerOnlyUsedForSessionsAndNeverLogged() throws Exception {
        // the form login is what makes Quarkus set up its session cookies, and say which key it uses
        ConsoleSession alice = ConsoleSession.login("alice", "alice-secret");
        alice.request().get("/console/sources").then().statusCode(200).body(containsString("<span id=\"user\">alice</span>"));

        String log = Files.readString(SessionKeyProfile.LOG_FILE, StandardCharsets.UTF_8);
        assertThat(log).doesNotContainIgnoringCase("temporary key");
        String key = Files.readString(SessionKeyProfile.KEY_FILE, StandardCharsets.UTF_8).strip();
        assertThat(key).hasSize(44);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(SessionKeyProfile.KEY_FILE)))
                .isEqualTo("rw-------");
        var inUse = ConfigProvider.getConfig().getConfigValue(SessionKeySource.KEY);
        assertThat(inUse.getValue()).as("the key Quarkus encrypts sessions with").isEqualTo(key);
        assertThat(inUse.getSourceName()).contains(SessionKeyProfile.KEY_FILE.toString());

        assertThat(log).contains("Console sessions are encrypted with the key from session key file "
                + SessionKeyProfile.KEY_FILE);
        assertThat(log).doesNotContain(key);
    }
}

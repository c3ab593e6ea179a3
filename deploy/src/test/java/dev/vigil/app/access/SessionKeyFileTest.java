package dev.vigil.app.access;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The session key file: made owner-only when missing, read back unchanged, never quoted in an error. */
class SessionKeyFileTest {

    @TempDir
    Path folder;

    @Test
    void aMissingFileGetsARandomKeyOnlyItsOwnerMayReadWhichLaterStartsReadBack() throws Exception {
        Path file = folder.resolve("data/session.key");

        String made = SessionKeyFile.loadOrCreate(file);

        assertThat(made).hasSize(44).matches("[A-Za-z0-9+/]{43}=");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(SessionKeyFile.loadOrCreate(file)).as("the next start").isEqualTo(made);
        assertThat(SessionKeyFile.loadOrCreate(folder.resolve("other.key"))).isNotEqualTo(made);
        try (var left = Files.list(file.getParent())) {
            assertThat(left).as("no temporary file left").containsExactly(file);
        }
    }

    @Test
    void aKeyFileOthersCouldReadIsMadeOwnerOnly() throws Exception {
        Path file = folder.resolve("session.key");
        Files.writeString(file, "an operator's own key of 32 chars\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(SessionKeyFile.loadOrCreate(file)).isEqualTo("an operator's own key of 32 chars");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aKeyTooShortStopsTheStartNamingTheFileNotTheKey() throws Exception {
        Path file = folder.resolve("session.key");
        Files.writeString(file, "tiny-secret");

        assertThatThrownBy(() -> SessionKeyFile.loadOrCreate(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString()).hasMessageNotContaining("tiny-secret");
    }
}

package dev.vigil.app.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * The console's session encryption key kept in a file that only its owner may read: made once (32 random bytes,
 * Base64) when the file is missing, read back at every later start, so session cookies and CSRF tokens outlive a
 * restart. A file others could read is made owner-only again. Nothing here ever puts the key in a message: errors
 * name the file, never its content.
 */
public final class SessionKeyFile {

    /** Quarkus wants at least 16 characters; a made key has 44. */
    static final int MIN_LENGTH = 16;
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    private SessionKeyFile() {
    }

    /** The key in {@code file}, made first if the file does not exist. */
    public static String loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            ownerOnly(file);
            String key = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (key.length() < MIN_LENGTH) {
                throw new IllegalStateException("the session key file " + file + " holds fewer than " + MIN_LENGTH
                        + " characters: delete it to have a new key made, or put a longer one in it");
            }
            return key;
        } catch (IOException e) {
            throw new IllegalStateException("the session key file " + file + " cannot be read or made: " + e, e);
        }
    }

    private static void create(Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        // written under another name with owner-only rights from the start, then moved into place: no moment in
        // which the key is readable by others or half written; an instance that made it first wins
        Path made = posix(folder)
                ? Files.createTempFile(folder, ".session-key", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(folder, ".session-key", ".tmp");
        try {
            Files.writeString(made, Base64.getEncoder().encodeToString(random), StandardCharsets.UTF_8);
            Files.move(made, file);
        } catch (FileAlreadyExistsException madeElsewhere) {
            Files.deleteIfExists(made);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view != null && !view.readAttributes().permissions().equals(OWNER_ONLY)) {
            view.setPermissions(OWNER_ONLY);
        }
    }

    private static boolean posix(Path folder) {
        return Files.getFileAttributeView(folder, PosixFileAttributeView.class) != null;
    }
}

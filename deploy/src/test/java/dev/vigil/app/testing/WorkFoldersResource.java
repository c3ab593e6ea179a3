package dev.vigil.app.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A fresh drop folder, models folder and dead-letter file per run, so no test sees another run's leftovers. */
public class WorkFoldersResource implements QuarkusTestResourceLifecycleManager {

    /** Not a Vigil key: tells tests where the dead letters land. */
    public static final String DEAD_LETTER_FILE = "vigil-test.dead-letter-file";

    private Path root;

    @Override
    public Map<String, String> start() {
        try {
            root = Files.createTempDirectory("vigil-work-");
            Path inbox = Files.createDirectories(root.resolve("inbox"));
            Path deadLetters = Files.createDirectories(root.resolve("dead-letter"));
            return Map.of(
                    "vigil.files.inbox", inbox.toString(),
                    "vigil.models.folder", root.resolve("models").toString(),
                    "vigil.dead-letter.uri", "file:" + deadLetters + "?fileName=dead-letters.jsonl&fileExist=Append",
                    DEAD_LETTER_FILE, deadLetters.resolve("dead-letters.jsonl").toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        Folders.deleteQuietly(root);
    }
}

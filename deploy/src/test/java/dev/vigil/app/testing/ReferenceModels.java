package dev.vigil.app.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The reference PMML models the scoring module's tests keep (exported from scikit-learn by the project's own
 * {@code make_models.py}; see {@code scoring-module/src/test/resources/pmml/README.md}), read in place from the
 * sibling module rather than copied: the Isolation Forest alone is 800 KB.
 */
public final class ReferenceModels {

    private static final Path FOLDER = Path.of("..", "scoring-module", "src", "test", "resources", "pmml");

    private ReferenceModels() {
    }

    /** The Isolation Forest trained on user-behaviour features ({@code login_count_1h}, ...). */
    public static Path isolationForest() {
        Path file = FOLDER.resolve("iforest_userbehaviour.pmml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("reference model not found at " + file.toAbsolutePath()
                    + " (tests run from the deploy module's folder)");
        }
        return file;
    }
}

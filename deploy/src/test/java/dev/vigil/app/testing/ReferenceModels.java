package dev.vigil.app.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The reference PMML models (and their test rows and scikit-learn's results) the scoring module's tests keep (exported from scikit-learn by the project's own
 * {@code make_models.py}; see {@code scoring-module/src/test/resources/pmml/README.md}), read in place from the
 * sibling module rather than copied: the Isolation Forest alone is 800 KB.
 */
public final class ReferenceModels {

    private static final Path FOLDER = Path.of("..", "scoring-module", "src", "test", "resources", "pmml");

    private ReferenceModels() {
    }

    /** The Isolation Forest trained on user-behaviour features ({@code login_count_1h}, ...). */
    public static Path isolationForest() {
        return file("iforest_userbehaviour.pmml");
    }

    /** The user-behaviour rows the reference models were tested on in scikit-learn, with a header. */
    public static Path userBehaviourRows() {
        return file("userbehaviour_test.csv");
    }

    /** scikit-learn's own results of the Isolation Forest on {@link #userBehaviourRows()}, row for row. */
    public static Path isolationForestGolden() {
        return file("golden_iforest_userbehaviour.csv");
    }

    /** The version the Isolation Forest of milling machines' windows has in its PMML Header. */
    public static final String MACHINE_HEALTH_VERSION = "1";

    /**
     * The Isolation Forest of milling machines' windows ({@code train_machine_health.py}, trained on
     * {@link #machineFeatures()}).
     */
    public static Path machineHealth() {
        return file("machine-health.pmml");
    }

    /** What {@code ./vigil export-features} wrote of three hours of the machines' windows: the model's training rows. */
    public static Path machineFeatures() {
        return file("machine_features.csv");
    }

    private static Path file(String name) {
        Path file = FOLDER.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("reference file not found at " + file.toAbsolutePath()
                    + " (tests run from the deploy module's folder)");
        }
        return file;
    }
}

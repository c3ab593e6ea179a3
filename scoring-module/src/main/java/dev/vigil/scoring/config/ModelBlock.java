package dev.vigil.scoring.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import dev.vigil.contracts.config.ConfigNode;
import dev.vigil.scoring.users.UserDetectorDefinition.Model;

/**
 * The detectors file's {@code model: {file, inputs, threshold}}: a PMML model from the models folder, read the same way
 * for a users detector and for a metrics detector. The file must be a plain name in the models folder and every feature
 * the mapping names one of the detector's window features; whether the model itself fits is checked when it loads,
 * because models come and go while Vigil runs.
 */
final class ModelBlock {

    private static final Set<String> KEYS = Set.of("file", "inputs", "threshold");

    private ModelBlock() {
    }

    /**
     * @param features       the features of the detector's windows
     * @param unknownFeature the message for a mapped feature the windows do not have, given its name
     */
    static Model read(ConfigNode node, List<String> features, UnaryOperator<String> unknownFeature) {
        node.onlyKeys(KEYS);
        String file = node.requiredString("file");
        if (file.isBlank() || file.contains("/") || file.contains("\\") || file.startsWith(".")) {
            throw node.child("file").error("must be a file name in the models folder (vigil.models.folder), without a "
                    + "path, got '" + file + "'");
        }
        ConfigNode inputs = node.child("inputs");
        Map<String, String> inputByFeature = new LinkedHashMap<>();
        if (inputs.present()) {
            inputs.entries().forEach((feature, input) -> {
                if (!features.contains(feature)) {
                    throw input.error(unknownFeature.apply(feature));
                }
                if (!input.isText() || input.text().isBlank()) {
                    throw input.error("must be the name of the model's input field that this feature feeds");
                }
                inputByFeature.put(feature, input.text());
            });
        }
        return new Model(file, inputByFeature, node.number("threshold", Double.NaN, 1e-9, 1), Set.copyOf(features));
    }
}

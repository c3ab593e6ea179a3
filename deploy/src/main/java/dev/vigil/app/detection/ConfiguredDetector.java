package dev.vigil.app.detection;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.vigil.scoring.Detector;
import dev.vigil.scoring.config.DetectorDefinition;

/** A detector built from its definition, with the metric-name filter the definition asks for. */
public record ConfiguredDetector(DetectorDefinition definition, Detector detector, Pattern metrics) {

    public static ConfiguredDetector of(DetectorDefinition definition, Detector detector) {
        return new ConfiguredDetector(definition, detector, globs(definition.metrics()));
    }

    public String name() {
        return definition.name();
    }

    /** Whether this detector watches series of that metric. */
    public boolean watches(String metric) {
        return metrics.matcher(metric).matches();
    }

    /** {@code *} matches any run of characters, {@code ?} one; everything else is literal. */
    private static Pattern globs(List<String> globs) {
        if (globs.isEmpty()) {
            return Pattern.compile("(?!)");
        }
        return Pattern.compile(globs.stream().map(ConfiguredDetector::glob).collect(Collectors.joining("|")));
    }

    private static String glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String part : glob.split("(?=[*?])|(?<=[*?])")) {
            regex.append(part.equals("*") ? ".*" : part.equals("?") ? "." : Pattern.quote(part));
        }
        return regex.toString();
    }
}

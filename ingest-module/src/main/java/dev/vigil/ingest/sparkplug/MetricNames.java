package dev.vigil.ingest.sparkplug;

import dev.vigil.contracts.InputRules;

/**
 * Sparkplug metric names as Vigil metric names. Sparkplug names are free text with {@code /} as a folder separator
 * ({@code Inputs/Motor 1/RPM}); Vigil's are {@code [A-Za-z_][A-Za-z0-9_.:-]*} up to 128 characters. A folder separator
 * becomes {@code .}, any other character outside Vigil's set {@code _}, and a name that starts with a digit gets a
 * leading {@code _}: {@code Inputs.Motor_1.RPM}.
 */
final class MetricNames {

    private MetricNames() {
    }

    /** Vigil's name for the metric; invalid input when the result is still not a name (empty, too long). */
    static String vigilName(String sparkplugName) {
        StringBuilder name = new StringBuilder(sparkplugName.length() + 1);
        for (int i = 0; i < sparkplugName.length(); i++) {
            char c = sparkplugName.charAt(i);
            boolean allowed = c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == ':' || c == '-');
            name.append(c == '/' ? '.' : allowed ? c : '_');
        }
        if (!name.isEmpty() && !Character.isLetter(name.charAt(0)) && name.charAt(0) != '_') {
            name.insert(0, '_');
        }
        String result = name.toString();
        InputRules.requireName("metric", result);
        return result;
    }
}

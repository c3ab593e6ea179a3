package dev.vigil.ingest;

import java.util.regex.Pattern;

/** The rules every source applies to names and tag values, so a series name is always safe to print and parse. */
public final class InputRules {

    /** Metric names, tag keys and service names: a letter or underscore, then letters, digits and {@code _.:-}. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:\\-]{0,127}");
    private static final int MAX_TAG_VALUE = 256;

    private InputRules() {
    }

    public static void requireName(String what, String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidInputException(what + " is missing");
        }
        if (!NAME.matcher(name).matches()) {
            throw new InvalidInputException(what + " '" + printable(name, 60)
                    + "' is not a valid name (letters, digits and _.:- only, at most 128)");
        }
    }

    /** Tag values may be free text but not the characters that delimit a series name, nor control characters. */
    public static void requireTagValue(String key, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException("tag '" + key + "' has no value");
        }
        if (value.length() > MAX_TAG_VALUE) {
            throw new InvalidInputException("tag '" + key + "' is longer than " + MAX_TAG_VALUE + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '{' || c == '}' || c == ',' || c == '=' || c == '"') {
                throw new InvalidInputException("tag '" + key + "' contains a forbidden character (control, {, }, comma, = or \")");
            }
        }
    }

    /** Shortens untrusted text and replaces control characters, so it is safe to put in a reason or a log line. */
    public static String printable(String text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 1);
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        if (text.length() > max) {
            out.append('…');
        }
        return out.toString();
    }
}

package dev.vigil.contracts;

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

    /**
     * The length of {@code text} in UTF-8 as {@code text.getBytes(UTF_8).length} gives it (a lone surrogate is one
     * byte, the {@code ?} it becomes), without encoding it: every record's size is checked against the payload limit.
     */
    public static int utf8Length(String text) {
        int bytes = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += Character.isSurrogate(c) ? 1 : 3;
            }
        }
        return bytes;
    }
}

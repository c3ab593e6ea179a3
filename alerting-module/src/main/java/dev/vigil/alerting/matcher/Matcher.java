package dev.vigil.alerting.matcher;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One condition on one label, written as Alertmanager writes it: {@code name="value"}, {@code name!="value"},
 * {@code name=~"regex"} or {@code name!~"regex"} (quotes optional; a regex must match the whole value; inside quotes
 * {@code \"}, {@code \\} and {@code \n} stand for a quote, a backslash and a line break, and {@link #toString()}
 * writes them so, so the text of a matcher parses back to the same matcher). A label an alert does not have counts as
 * the empty string, so {@code team=""} matches alerts without a team.
 */
public final class Matcher {

    private static final String NAME = "[A-Za-z_][A-Za-z0-9_.\\-]*";
    private static final Pattern NAMEABLE = Pattern.compile(NAME);
    private static final Pattern SYNTAX = Pattern.compile("^\\s*(" + NAME + ")\\s*(=~|!~|!=|=)\\s*(.*?)\\s*$");

    /** The comparison a matcher makes. */
    public enum Op {
        EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        /** How Alertmanager writes it: {@code =}, {@code !=}, {@code =~}, {@code !~}. */
        public String symbol() {
            return symbol;
        }
    }

    private final String name;
    private final Op op;
    private final String value;
    private final Pattern regex;

    public Matcher(String name, Op op, String value) {
        this.name = Objects.requireNonNull(name);
        this.op = Objects.requireNonNull(op);
        this.value = Objects.requireNonNull(value);
        this.regex = op == Op.REGEX || op == Op.NOT_REGEX ? Pattern.compile(value) : null;
    }

    /** @throws IllegalArgumentException with the reason when the text is not a matcher */
    public static Matcher parse(String text) {
        java.util.regex.Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a matcher: write label=\"value\", label!=\"value\", "
                    + "label=~\"regex\" or label!~\"regex\"");
        }
        String raw = m.group(3);
        if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
            raw = unquote(raw.substring(1, raw.length() - 1));
        }
        Op op = switch (m.group(2)) {
            case "=" -> Op.EQUAL;
            case "!=" -> Op.NOT_EQUAL;
            case "=~" -> Op.REGEX;
            default -> Op.NOT_REGEX;
        };
        try {
            return new Matcher(m.group(1), op, raw);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' has an invalid regex: " + e.getDescription());
        }
    }

    private static String unquote(String quoted) {
        StringBuilder value = new StringBuilder(quoted.length());
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length()) {
                char next = quoted.charAt(++i);
                switch (next) {
                    case 'n' -> value.append('\n');
                    case '"', '\\' -> value.append(next);
                    default -> value.append(c).append(next); // a regex's own escape, \d or \., as Alertmanager keeps it
                }
            } else {
                value.append(c);
            }
        }
        return value.toString();
    }

    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }

    /** Whether a matcher can name this label (a label name of other characters can only be matched by none). */
    public static boolean nameable(String label) {
        return NAMEABLE.matcher(label).matches();
    }

    public String name() {
        return name;
    }

    public Op op() {
        return op;
    }

    /** The value or regex compared, unquoted. */
    public String value() {
        return value;
    }

    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(name, "");
        return switch (op) {
            case EQUAL -> actual.equals(value);
            case NOT_EQUAL -> !actual.equals(value);
            case REGEX -> regex.matcher(actual).matches();
            case NOT_REGEX -> !regex.matcher(actual).matches();
        };
    }

    @Override
    public String toString() {
        return name + op.symbol + quote(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matcher other && other.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}

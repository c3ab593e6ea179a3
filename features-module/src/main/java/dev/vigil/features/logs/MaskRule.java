package dev.vigil.features.logs;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One masking rule applied to a log message before Drain matches it: every match of {@code pattern} is replaced by
 * {@code replacement} (normally the wildcard {@value Template#WILDCARD}), so variables Drain would otherwise have to
 * discover by comparison (addresses, numbers, ids) never split one event into many templates.
 * <p>
 * The built-in rules only match whole tokens or token parts bounded by a non-alphanumeric character, so
 * {@code user42} stays a word while {@code port=8080} becomes {@code port=<*>}.
 */
public record MaskRule(String name, Pattern pattern, String replacement) {

    private static final String BEFORE = "(?<![A-Za-z0-9])";
    private static final String AFTER = "(?![A-Za-z0-9])";

    /** IPv4 address with an optional {@code :port}, optionally prefixed by {@code /} as Java prints socket addresses. */
    public static final MaskRule IP = new MaskRule("ip",
            Pattern.compile(BEFORE + "/?(?:\\d{1,3}\\.){3}\\d{1,3}(?::\\d{1,5})?" + AFTER), Template.WILDCARD);
    /** {@code 0x1f} style hex numbers, and hex strings of 8 or more digits with at least one decimal digit (ids, hashes). */
    public static final MaskRule HEX = new MaskRule("hex",
            Pattern.compile(BEFORE + "(?:0[xX][0-9a-fA-F]+|(?=[0-9a-fA-F]*\\d)[0-9a-fA-F]{8,})" + AFTER),
            Template.WILDCARD);
    /** Unix-style absolute paths of two or more segments, {@code /var/log/app.log}; a single {@code /x} is left alone. */
    public static final MaskRule PATH = new MaskRule("path",
            Pattern.compile("(?<![\\w./:])(?:/[\\w.\\-@~%+]+){2,}/?"), Template.WILDCARD);
    /** Integers and decimals, signed or not, bounded by non-alphanumerics: {@code 42}, {@code -7}, {@code 3.14}. */
    public static final MaskRule NUMBER = new MaskRule("num",
            Pattern.compile(BEFORE + "[-+]?\\d+(?:\\.\\d+)?" + AFTER), Template.WILDCARD);

    /** The defaults, in the order they are applied (addresses before the numbers inside them). */
    public static final List<MaskRule> DEFAULTS = List.of(IP, HEX, PATH, NUMBER);

    /**
     * What a token must contain for each built-in rule to match in it, by signature: an address three dots and a digit,
     * hex a digit and either an {@code x} or eight characters, a path two slashes, a number a digit ({@code \\d} is
     * ASCII).
     */
    private static final Map<String, Predicate<String>> TOKEN_TESTS = Map.of(
            IP.signature(), token -> hasAsciiDigit(token) && count(token, '.') >= 3,
            HEX.signature(), token -> hasAsciiDigit(token) && (token.length() >= 8 || token.indexOf('x') >= 0
                    || token.indexOf('X') >= 0),
            PATH.signature(), token -> count(token, '/') >= 2,
            NUMBER.signature(), MaskRule::hasAsciiDigit);

    public MaskRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(replacement, "replacement");
    }

    /** A rule from configuration: a regex whose matches become the wildcard. */
    public static MaskRule of(String name, String regex) {
        return new MaskRule(name, Pattern.compile(regex), Template.WILDCARD);
    }

    /**
     * A built-in rule by name ({@code ip}, {@code hex}, {@code path}, {@code num}).
     *
     * @throws IllegalArgumentException naming the known rules for any other name
     */
    public static MaskRule builtIn(String name) {
        return DEFAULTS.stream().filter(r -> r.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown mask '" + name + "', known: ip, hex, path, num"));
    }

    /** Applies this rule to a message. */
    public String apply(String message) {
        return pattern.matcher(message).replaceAll(java.util.regex.Matcher.quoteReplacement(replacement));
    }

    /**
     * For a rule that can be applied token by token, a test of whether a token can hold a match at all, far cheaper
     * than the regex (most tokens are words without digits or slashes); null for a rule that cannot. The built-in
     * rules can: their matches consume no whitespace and their look-arounds only ask for letters, digits and
     * {@code ./:}, so a whitespace neighbour and the end of a token read alike. A rule from configuration may span
     * tokens.
     */
    Predicate<String> tokenTest() {
        return TOKEN_TESTS.get(signature());
    }

    private static boolean hasAsciiDigit(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    private static int count(String token, char c) {
        int count = 0;
        for (int i = token.indexOf(c); i >= 0; i = token.indexOf(c, i + 1)) {
            count++;
        }
        return count;
    }

    /** Records compare patterns by identity; snapshots and parameters compare them by text. */
    String signature() {
        return name + "\u0000" + pattern.pattern() + "\u0000" + pattern.flags() + "\u0000" + replacement;
    }
}

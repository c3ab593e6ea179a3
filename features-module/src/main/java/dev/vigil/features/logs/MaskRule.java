package dev.vigil.features.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One masking rule applied to a log message before it is matched: every match of {@code pattern} is replaced by
 * {@code replacement} (normally the wildcard {@value Template#WILDCARD}), so variables the miner would otherwise have
 * to discover by comparison (addresses, numbers, ids, durations) never split one event into many templates.
 * <p>
 * A rule from configuration ({@link #of}) sees the whole message and may span tokens. The built-in rules are each a
 * kind of variable found inside one token, bounded by characters that are not letters or digits, so {@code user42}
 * stays a word while {@code port=8080} becomes {@code port=<*>}; the tokenizer applies them token by token, and only
 * to tokens that can hold a match ({@link #tokenTest}). Two of them also join tokens: a {@link #QUANTITY quantity}
 * takes the unit written after its number ({@code 403 bytes (0.39 KB)}), a {@link #DATETIME date} the written date
 * around its day and time ({@code Fri Jun 17 07:07:00 2005}); see {@link Tokenizer}.
 */
public record MaskRule(String name, Pattern pattern, String replacement) {

    private static final String BEFORE = "(?<![A-Za-z0-9])";
    private static final String AFTER = "(?![A-Za-z0-9])";

    /** {@code scheme://...} to the end of the token. */
    public static final MaskRule URL = builtIn("url", "(?<![A-Za-z0-9+.\\-])[A-Za-z][A-Za-z0-9+.\\-]*://\\S+");
    /** The 8-4-4-4-12 hex digits of a UUID. */
    public static final MaskRule UUID = builtIn("uuid",
            BEFORE + "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}" + AFTER);
    /**
     * An ISO-8601 date, with its time and zone when they are glued to it ({@code 2026-11-22}, {@code
     * 2026-11-22T10:00:00.123Z}); with a quantity's or date's neighbours, a written date ({@code Jun 17 07:07:00}).
     */
    public static final MaskRule DATETIME = builtIn("datetime", BEFORE
            + "\\d{4}-\\d{2}-\\d{2}(?:T\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?" + AFTER);
    /**
     * A host name of three or more labels ending in a lower-case top-level label of 2 to 6 letters, with an optional
     * {@code :port}: {@code proxy.cse.cuhk.edu.hk:5070}; not a class name ({@code org.apache.Foo}) nor a version.
     */
    public static final MaskRule HOST = builtIn("host",
            "(?<![\\w.\\-])(?:[A-Za-z0-9\\-]+\\.){2,}[a-z]{2,6}(?::\\d{1,5})?(?![\\w.\\-])");
    /**
     * IPv4 address with an optional {@code :port}, optionally prefixed by {@code /} as Java prints socket addresses;
     * an IPv6 address written in full (eight groups).
     */
    public static final MaskRule IP = builtIn("ip", BEFORE + "(?:/?(?:\\d{1,3}\\.){3}\\d{1,3}(?::\\d{1,5})?"
            + "|(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4})" + AFTER);
    /** Unix-style absolute paths of two or more segments, {@code /var/log/app.log}; a single {@code /x} is left alone. */
    public static final MaskRule PATH = builtIn("path", "(?<![\\w./:])(?:/[\\w.\\-@~%+]+){2,}/?");
    /** A time of day, {@code 07:07:00}, {@code 10:30}, {@code 12:00:01.250}. */
    public static final MaskRule TIME = builtIn("time", BEFORE + "\\d{1,2}:\\d{2}(?::\\d{2})?(?:[.,]\\d+)?" + AFTER);
    /**
     * A number glued to a unit of time or size, {@code 250ms}, {@code 1.5GB}, {@code <1s}; a number followed by a unit
     * as the next token is joined by the tokenizer.
     */
    public static final MaskRule QUANTITY = builtIn("quantity", BEFORE + "[<>~]?[-+]?\\d+(?:[.,]\\d+)*"
            + "(?:ns|us|µs|ms|s|sec|secs|m|min|mins|h|hrs?|d|days?|[KMGTP]i?B|[kKMGT]b?|B|bytes?)" + AFTER);
    /** Integers and decimals, signed or not, with a comparison sign or thousands: {@code 42}, {@code -7}, {@code 3.14}, {@code <1}. */
    public static final MaskRule NUMBER = builtIn("num", BEFORE + "[<>~]?[-+]?\\d+(?:[.,]\\d+)*" + AFTER);
    /** {@code 0x1f} style hex numbers, and hex strings of 8 or more digits with at least one decimal digit (ids, hashes). */
    public static final MaskRule HEX = builtIn("hex",
            BEFORE + "(?:0[xX][0-9a-fA-F]+|(?=[0-9a-fA-F]*\\d)[0-9a-fA-F]{8,})" + AFTER);

    /**
     * The built-in rules in the order they are applied, every one of them the generic default: the longer kinds first
     * (a path before the date inside it, a host before the address inside it, a quantity and a time before their
     * numbers, a number before the hex that would take a decimal's fraction).
     */
    public static final List<MaskRule> DEFAULTS = List.of(URL, UUID, PATH, DATETIME, HOST, IP, TIME, QUANTITY, NUMBER, HEX);

    /**
     * What a token must contain for each built-in rule to match in it, by signature: cheap tests on its
     * {@link TokenShape} that skip the regex on most tokens (words without digits, dots or slashes). {@code \\d} is
     * ASCII.
     */
    private static final Map<String, Predicate<TokenShape>> TOKEN_TESTS = Map.of(
            URL.signature(), token -> token.scheme,
            UUID.signature(), token -> token.length >= 36 && token.dashes >= 4,
            DATETIME.signature(), token -> token.length >= 10 && token.dashes >= 2 && token.digits > 0,
            HOST.signature(), token -> token.dots >= 2 && token.lowerCase,
            IP.signature(), token -> token.digits > 0 && (token.dots >= 3 || token.colons >= 7),
            PATH.signature(), token -> token.slashes >= 2,
            TIME.signature(), token -> token.colons > 0 && token.digits > 0,
            QUANTITY.signature(), token -> token.digitBeforeUnit,
            NUMBER.signature(), token -> token.digits > 0,
            HEX.signature(), token -> token.digits > 0 && (token.length >= 8 || token.x));

    public MaskRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(replacement, "replacement");
    }

    /** A rule from configuration: a regex whose matches become the wildcard. */
    public static MaskRule of(String name, String regex) {
        return new MaskRule(name, Pattern.compile(regex), Template.WILDCARD);
    }

    private static MaskRule builtIn(String name, String regex) {
        return new MaskRule(name, Pattern.compile(regex), Template.WILDCARD);
    }

    /**
     * A built-in rule by name ({@code url}, {@code uuid}, {@code datetime}, {@code host}, {@code ip}, {@code path},
     * {@code time}, {@code quantity}, {@code num}, {@code hex}).
     *
     * @throws IllegalArgumentException naming the known rules for any other name
     */
    public static MaskRule builtIn(String name) {
        return DEFAULTS.stream().filter(r -> r.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown mask '" + name + "', known: " + builtInNames()));
    }

    /** The built-in rules' names, comma-separated, in their order. */
    public static String builtInNames() {
        return DEFAULTS.stream().map(MaskRule::name).collect(Collectors.joining(", "));
    }

    /** Applies this rule to a message. */
    public String apply(String message) {
        return pattern.matcher(message).replaceAll(Matcher.quoteReplacement(replacement));
    }

    /**
     * For a built-in rule, a test of whether a token can hold a match at all, far cheaper than the regex; null for a
     * rule from configuration, which sees the whole message.
     */
    Predicate<TokenShape> tokenTest() {
        return TOKEN_TESTS.get(signature());
    }

    /**
     * Masks a token as {@link #NUMBER}'s regex does, without a regex (numbers are most of the masking): each run of
     * {@code [<>~]?[-+]?digits([.,]digits)*} not glued to a letter or digit on either side becomes the wildcard.
     */
    static String maskNumbers(String token) {
        StringBuilder out = null;
        int n = token.length();
        int copied = 0;
        int i = 0;
        while (i < n) {
            int start = i;
            if (start > 0 && isAsciiLetterOrDigit(token.charAt(start - 1))) {
                i++;
                continue;
            }
            int j = start;
            if (j < n && "<>~".indexOf(token.charAt(j)) >= 0) {
                j++;
            }
            if (j < n && (token.charAt(j) == '-' || token.charAt(j) == '+')) {
                j++;
            }
            int digits = j;
            while (j < n && isAsciiDigit(token.charAt(j))) {
                j++;
            }
            if (j == digits) {
                i++;
                continue;
            }
            List<Integer> ends = new ArrayList<>(); // where the number could end: after its digits, after each fraction
            ends.add(j);
            while (j + 1 < n && (token.charAt(j) == '.' || token.charAt(j) == ',') && isAsciiDigit(token.charAt(j + 1))) {
                j += 2;
                while (j < n && isAsciiDigit(token.charAt(j))) {
                    j++;
                }
                ends.add(j);
            }
            // the longest end not glued to a letter or digit, as the regex backtracks to fit its look-ahead
            int end = -1;
            for (int e = ends.size() - 1; e >= 0 && end < 0; e--) {
                int candidate = ends.get(e);
                if (!(candidate < n && isAsciiLetterOrDigit(token.charAt(candidate)))) {
                    end = candidate;
                }
            }
            if (end < 0) {
                i++; // glued to a word: not a number of its own
                continue;
            }
            j = end;
            if (out == null) {
                out = new StringBuilder(n);
            }
            out.append(token, copied, start).append(Template.WILDCARD);
            copied = j;
            i = j;
        }
        return out == null ? token : out.append(token, copied, n).toString();
    }

    /**
     * Masks a token as {@link #IP}'s regex does, without a regex for the common IPv4 form: each
     * {@code /?d.d.d.d(:port)?} (1 to 3 digits a part, 1 to 5 a port) not glued to a letter or digit on either side
     * becomes the wildcard; a token with seven colons (IPv6) goes to the regex.
     */
    static String maskAddresses(String token) {
        if (count(token, ':') >= 7) {
            return IP.apply(token);
        }
        StringBuilder out = null;
        int n = token.length();
        int copied = 0;
        int i = 0;
        while (i < n) {
            int end = i > 0 && isAsciiLetterOrDigit(token.charAt(i - 1)) ? -1 : ipv4End(token, i);
            if (end < 0) {
                i++;
                continue;
            }
            if (out == null) {
                out = new StringBuilder(n);
            }
            out.append(token, copied, i).append(Template.WILDCARD);
            copied = end;
            i = end;
        }
        return out == null ? token : out.append(token, copied, n).toString();
    }

    /** Where an IPv4 address (with its optional slash before and port after) starting at {@code from} ends, or -1. */
    private static int ipv4End(String token, int from) {
        int n = token.length();
        int j = from < n && token.charAt(from) == '/' ? from + 1 : from;
        for (int part = 0; part < 4; part++) {
            if (part > 0) {
                if (j >= n || token.charAt(j) != '.') {
                    return -1;
                }
                j++;
            }
            int digits = digitsAt(token, j, 3);
            if (digits == 0) {
                return -1;
            }
            j += digits;
        }
        if (j + 1 < n && token.charAt(j) == ':') {
            int port = digitsAt(token, j + 1, 5);
            if (port > 0 && !(j + 1 + port < n && isAsciiLetterOrDigit(token.charAt(j + 1 + port)))) {
                return j + 1 + port;
            }
        }
        // as the regex backtracks: without the port when it does not fit, then the address must end here
        return j < n && isAsciiLetterOrDigit(token.charAt(j)) ? -1 : j;
    }

    /** How many digits, at most {@code max}, start at {@code from}; 0 also when more than {@code max} follow. */
    private static int digitsAt(String token, int from, int max) {
        int j = from;
        while (j < token.length() && isAsciiDigit(token.charAt(j))) {
            j++;
        }
        int digits = j - from;
        return digits <= max ? digits : 0;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return isAsciiDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
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

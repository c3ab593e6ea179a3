package dev.vigil.features.logs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Turns a message into the tokens the miner matches:
 * <ol>
 * <li>the rules from configuration mask the whole message, in order (they may span tokens);</li>
 * <li>the message is split on whitespace (runs of spaces, tabs and other whitespace count as one separator; leading
 * and trailing whitespace is dropped), as Drain does;</li>
 * <li>the built-in rules ({@link MaskRule#DEFAULTS}) mask each token, only where the token can hold a match;</li>
 * <li>with the {@link MaskRule#QUANTITY quantity} rule, a number and the unit written after it are one variable, and
 * so is an equivalent in brackets after it: {@code 403 bytes (0.39 KB) sent} and {@code 0 bytes sent} both read
 * {@code <*> sent}; with the {@link MaskRule#DATETIME datetime} rule, a month name before a day and a weekday before
 * that are variables too ({@code at Fri Jun 17 07:07:00 2005} reads {@code at <*>});</li>
 * <li>a run of variables (each alone in its token, or before a comma or semicolon) is one variable, so lists of ids
 * or a date in several tokens do not change the count.</li>
 * </ol>
 * The last three steps keep the lines of one template at one token count where their variables take more or fewer
 * tokens. Stateless: safe to share.
 */
final class Tokenizer {

    private static final String W = Template.WILDCARD;
    private static final Set<String> UNITS = caseForms("ns", "us", "µs", "ms", "s", "sec", "secs", "second", "seconds",
            "min", "mins", "minute", "minutes", "hr", "hrs", "hour", "hours", "day", "days", "b", "kb", "mb", "gb", "tb",
            "pb", "kib", "mib", "gib", "tib", "byte", "bytes", "kB", "KiB", "MiB", "GiB", "TiB");
    private static final Set<String> MONTHS = caseForms("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
            "sept", "oct", "nov", "dec", "january", "february", "march", "april", "june", "july", "august", "september",
            "october", "november", "december");
    private static final Set<String> WEEKDAYS = caseForms("mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday",
            "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");

    /** A built-in rule with the test that lets it skip a token, and how it masks one. */
    private record TokenMask(Predicate<TokenShape> mayMatch, UnaryOperator<String> mask) {

        static TokenMask of(MaskRule rule) {
            UnaryOperator<String> mask = rule.equals(MaskRule.NUMBER) ? MaskRule::maskNumbers
                    : rule.equals(MaskRule.IP) ? MaskRule::maskAddresses : rule::apply;
            return new TokenMask(rule.tokenTest(), mask);
        }
    }

    private final List<MaskRule> wholeMessage;
    private final List<TokenMask> perToken;
    private final boolean quantities;
    private final boolean dates;

    Tokenizer(List<MaskRule> masks) {
        this.wholeMessage = masks.stream().filter(m -> m.tokenTest() == null).toList();
        // the built-in rules in their own order, whatever the order they were listed in
        this.perToken = MaskRule.DEFAULTS.stream().filter(masks::contains).map(TokenMask::of)
                .toList();
        this.quantities = masks.contains(MaskRule.QUANTITY);
        this.dates = masks.contains(MaskRule.DATETIME);
    }

    List<String> tokens(String message) {
        String masked = message;
        for (MaskRule mask : wholeMessage) {
            masked = mask.apply(masked);
        }
        List<String> tokens = split(masked);
        for (int i = 0; i < tokens.size(); i++) {
            tokens.set(i, mask(tokens.get(i)));
        }
        if (quantities) {
            joinQuantities(tokens);
        }
        if (dates) {
            joinDates(tokens);
        }
        return collapse(tokens);
    }

    private static List<String> split(String text) {
        List<String> tokens = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                tokens.add(text.substring(start, i));
            }
        }
        return tokens;
    }

    private String mask(String token) {
        if (plainWord(token)) {
            return token;
        }
        String masked = token;
        TokenShape shape = TokenShape.of(token);
        for (TokenMask mask : perToken) {
            if (mask.mayMatch().test(shape)) {
                String next = mask.mask().apply(masked);
                if (!next.equals(masked)) {
                    masked = next;
                    shape = TokenShape.of(masked);
                }
            }
        }
        return masked;
    }

    /**
     * A token no built-in rule can change, as most are: without a digit, a dot, a slash or a colon, and with fewer than
     * four dashes (every rule needs one of them: {@link MaskRule#tokenTest}).
     */
    private static boolean plainWord(String token) {
        int dashes = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if ((c >= '0' && c <= '9') || c == '.' || c == '/' || c == ':') {
                return false;
            }
            if (c == '-') {
                dashes++;
            }
        }
        return dashes < 4;
    }

    /** {@code <*> bytes} is one variable, and so is {@code <*> bytes (<*> KB)}, with what followed the unit. */
    private static void joinQuantities(List<String> tokens) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (!tokens.get(i).equals(W)) {
                continue;
            }
            String unit = tokens.get(i + 1);
            String after = trailingPunctuation(unit);
            if (!isUnit(unit.substring(0, unit.length() - after.length()))) {
                continue;
            }
            tokens.remove(i + 1);
            if (after.isEmpty() && i + 2 < tokens.size() && tokens.get(i + 1).equals("(" + W)) {
                String closing = tokens.get(i + 2);
                String afterClosing = trailingPunctuation(closing);
                String inner = closing.substring(0, closing.length() - afterClosing.length());
                if (afterClosing.startsWith(")") && isUnit(inner)) {
                    after = afterClosing.substring(1);
                    tokens.subList(i + 1, i + 3).clear();
                }
            }
            tokens.set(i, W + after);
        }
    }

    /** A month name before a day ({@code Jun <*>}), and a weekday before it, are variables of the date. */
    private static void joinDates(List<String> tokens) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            String word = tokens.get(i);
            if (tokens.get(i + 1).startsWith(W) && isName(MONTHS, word)) {
                tokens.set(i, W + trailingPunctuation(word));
                if (i > 0 && isName(WEEKDAYS, tokens.get(i - 1))) {
                    tokens.set(i - 1, W + trailingPunctuation(tokens.get(i - 1)));
                }
            }
        }
    }

    private static boolean isUnit(String word) {
        return !word.isEmpty() && word.length() <= 7 && UNITS.contains(word);
    }

    private static boolean isName(Set<String> names, String token) {
        if (token.length() < 3 || token.length() > 10 || "jfmasondtwJFMASONDTW".indexOf(token.charAt(0)) < 0) {
            return false;
        }
        String word = token.substring(0, token.length() - trailingPunctuation(token).length());
        return word.length() >= 3 && names.contains(word);
    }

    /** The words as written in lower case, capitalised or in upper case (no lower-casing of every token looked at). */
    private static Set<String> caseForms(String... words) {
        Set<String> forms = new HashSet<>();
        for (String word : words) {
            forms.add(word);
            forms.add(Character.toUpperCase(word.charAt(0)) + word.substring(1));
            forms.add(word.toUpperCase(Locale.ROOT));
        }
        return Set.copyOf(forms);
    }

    /** The {@code ,.;:)} a token ends with, which belong to the sentence rather than to the word. */
    private static String trailingPunctuation(String token) {
        if (token.isEmpty() || ",.;:)".indexOf(token.charAt(token.length() - 1)) < 0) {
            return "";
        }
        int end = token.length();
        while (end > 0 && ",.;:)".indexOf(token.charAt(end - 1)) >= 0) {
            end--;
        }
        return token.substring(end);
    }

    /** A run of variables, each alone in its token or before a comma or semicolon, is one: lists of any length. */
    private static List<String> collapse(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        for (String token : tokens) {
            if (isVariable(token) && !out.isEmpty() && isVariable(out.get(out.size() - 1))) {
                out.set(out.size() - 1, token);
            } else {
                out.add(token);
            }
        }
        return out;
    }

    private static boolean isVariable(String token) {
        return token.startsWith(W) && (token.length() == W.length()
                || (token.length() == W.length() + 1 && ",;".indexOf(token.charAt(W.length())) >= 0));
    }
}

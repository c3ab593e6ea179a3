package dev.vigil.contracts.config;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The globs of the detectors file (metric names, entity budgets): {@code *} any run of characters, {@code ?} one. */
public final class Globs {

    private Globs() {
    }

    /** One pattern matching a whole name that any of the globs matches; none matches nothing. */
    public static Pattern compile(List<String> globs) {
        if (globs.isEmpty()) {
            return Pattern.compile("(?!)");
        }
        return Pattern.compile(globs.stream().map(Globs::regex).collect(Collectors.joining("|")));
    }

    public static Pattern compile(String glob) {
        return Pattern.compile(regex(glob));
    }

    /** Whether a glob matches more than one name: it has a {@code *} or a {@code ?}. */
    public static boolean isPattern(String glob) {
        return glob.indexOf('*') >= 0 || glob.indexOf('?') >= 0;
    }

    /** Everything but {@code *} and {@code ?} is literal. */
    private static String regex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String part : glob.split("(?=[*?])|(?<=[*?])")) {
            regex.append(part.equals("*") ? ".*" : part.equals("?") ? "." : Pattern.quote(part));
        }
        return regex.toString();
    }
}

package dev.vigil.feedback.email;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.vigil.contracts.Verdict;

/**
 * Reads the operator's answer from a reply's plain text: the quoted mail and the signature are stripped, the first
 * non-empty line must start with verdict words, and what follows them (the rest of that line and the lines below)
 * is the comment.
 *
 * <p>Verdict words (case, punctuation and a leading "re:" ignored): <b>true incident</b> — "confirm", "confirmed",
 * "true incident", "incident", "real"; <b>false alarm</b> — "false alarm", "false positive", "false";
 * <b>expected</b> — "expected", "planned", "deploy", "maintenance", "sale"; <b>new normal</b> — "new normal",
 * "accept"; <b>duplicate</b> — "duplicate", "dup", "dupe". The longest match wins.
 */
public final class ReplyText {

    /** A reply's verdict and the operator's words after it. */
    public record Answer(Verdict verdict, String comment) {
    }

    private static final Map<String, Verdict> WORDS = new LinkedHashMap<>();

    static {
        // longest first, so "false alarm" wins over "false"
        put(Verdict.TRUE_INCIDENT, "true incident", "confirmed", "confirm", "incident", "real");
        put(Verdict.FALSE_ALARM, "false positive", "false alarm", "false");
        put(Verdict.EXPECTED, "maintenance", "expected", "planned", "deploy", "sale");
        put(Verdict.NEW_NORMAL, "new normal", "accept");
        put(Verdict.DUPLICATE, "duplicate", "dupe", "dup");
    }

    private static void put(Verdict verdict, String... words) {
        for (String word : words) {
            WORDS.put(word, verdict);
        }
    }

    /** "On Mon, 1 Jun 2024 at 08:03, Vigil <vigil@example.com> wrote:" and its translations end the answer. */
    private static final Pattern ATTRIBUTION = Pattern.compile(
            "^(on\\b.*\\bwrote:?|am\\b.*\\bschrieb.*:|le\\b.*\\ba écrit\\s*:|el\\b.*\\bescribió:?)\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SEPARATOR = Pattern.compile(
            "^(-{2,}\\s*(original message|forwarded message|ursprüngliche nachricht)\\s*-{2,}|_{5,}|-- ?|—|sent from my .*)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER_BLOCK = Pattern.compile("^(from|von|de):\\s.*", Pattern.CASE_INSENSITIVE);

    private ReplyText() {
    }

    /** The operator's own lines: everything before the quoted mail, the attribution line or the signature. */
    public static List<String> ownLines(String text) {
        List<String> own = new ArrayList<>();
        for (String raw : text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
            String line = raw.strip();
            if (line.startsWith(">") || ATTRIBUTION.matcher(line).matches() || SEPARATOR.matcher(line).matches()
                    || raw.equals("-- ") || (HEADER_BLOCK.matcher(line).matches() && !own.isEmpty())) {
                break;
            }
            own.add(line);
        }
        while (!own.isEmpty() && own.get(own.size() - 1).isEmpty()) {
            own.remove(own.size() - 1);
        }
        return own;
    }

    /** The answer, or empty when the first line holds no verdict words. */
    public static Optional<Answer> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        List<String> lines = ownLines(text);
        int first = 0;
        while (first < lines.size() && lines.get(first).isEmpty()) {
            first++;
        }
        if (first == lines.size()) {
            return Optional.empty();
        }
        String line = lines.get(first);
        String normal = line.toLowerCase(Locale.ROOT).replaceFirst("^re:\\s*", "");
        for (Map.Entry<String, Verdict> word : WORDS.entrySet()) {
            String w = word.getKey();
            if (normal.startsWith(w) && (normal.length() == w.length() || !Character.isLetterOrDigit(normal.charAt(w.length())))) {
                int offset = line.length() - normal.length();
                String rest = line.substring(offset + w.length()).replaceFirst("^[\\s.,;:!\\-–—]+", "");
                List<String> comment = new ArrayList<>();
                if (!rest.isEmpty()) {
                    comment.add(rest);
                }
                comment.addAll(lines.subList(first + 1, lines.size()));
                return Optional.of(new Answer(word.getValue(), String.join("\n", comment).strip()));
            }
        }
        return Optional.empty();
    }

    /** Every verdict word, for the reason a reply without one is refused. */
    public static String words() {
        return String.join(", ", WORDS.keySet());
    }
}

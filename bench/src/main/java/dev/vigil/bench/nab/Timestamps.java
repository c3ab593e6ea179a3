package dev.vigil.bench.nab;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

/** NAB's timestamps: {@code YYYY-MM-DD HH:MM:SS} in data files, with {@code .ffffff} in the label file; no time zone. */
final class Timestamps {

    private Timestamps() {
    }

    /** @throws DateTimeParseException if the text is not such a timestamp */
    static LocalDateTime parse(String text) {
        String t = text.strip();
        if (t.length() > 10 && t.charAt(10) == ' ') {
            t = t.substring(0, 10) + 'T' + t.substring(11);
        }
        return LocalDateTime.parse(t);
    }
}

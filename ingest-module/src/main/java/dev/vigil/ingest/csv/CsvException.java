package dev.vigil.ingest.csv;

import dev.vigil.contracts.InvalidInputException;

/**
 * Text that is not CSV, or not UTF-8, from a line on: {@link CsvReader} cannot read past it, so the rest of the file
 * is unread. The message is {@code line N: reason}.
 */
public class CsvException extends InvalidInputException {

    private final long line;
    private final String reason;

    public CsvException(long line, String reason) {
        super("line " + line + ": " + reason);
        this.line = line;
        this.reason = reason;
    }

    /** The line the unreadable row starts on, from 1. */
    public long line() {
        return line;
    }

    /** What is wrong, without the line. */
    public String reason() {
        return reason;
    }
}

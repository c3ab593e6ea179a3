package dev.vigil.contracts;

import java.util.Locale;

/** Log severities, with the spellings that common loggers use mapped onto them. */
public enum LogLevel {
    TRACE, DEBUG, INFO, WARN, ERROR, FATAL;

    /** True for the levels that count as errors in log features. */
    public boolean isError() {
        return this == ERROR || this == FATAL;
    }

    /**
     * Parses a level as loggers write it (case-insensitive; WARNING, ERR, SEVERE, CRITICAL, FINE... accepted, and Android logcat's V, D, I, W, E, F).
     *
     * @throws InvalidInputException for anything else
     */
    public static LogLevel parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("log level is missing");
        }
        return switch (text.trim().toUpperCase(Locale.ROOT)) {
            case "TRACE", "FINEST", "FINER", "V" -> TRACE;
            case "DEBUG", "FINE", "CONFIG", "D" -> DEBUG;
            case "INFO", "INFORMATION", "NOTICE", "I" -> INFO;
            case "WARN", "WARNING", "W" -> WARN;
            case "ERROR", "ERR", "SEVERE", "E" -> ERROR;
            case "FATAL", "CRITICAL", "CRIT", "EMERG", "ALERT", "PANIC", "F" -> FATAL;
            default -> throw new InvalidInputException("unknown log level '" + InputRules.printable(text, 40) + "'");
        };
    }
}

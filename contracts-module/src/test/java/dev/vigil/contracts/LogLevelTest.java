package dev.vigil.contracts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogLevelTest {

    @ParameterizedTest
    @CsvSource({
            "WARNING, WARN",
            "SEVERE, ERROR",
            "CRITICAL, FATAL",
            "warn, WARN",
            "' Info ', INFO",
            "err, ERROR",
            "FINE, DEBUG",
            "FINEST, TRACE",
            "NOTICE, INFO",
            "panic, FATAL" })
    void commonSpellingsMapOntoLevels(String text, LogLevel expected) {
        assertThat(LogLevel.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(value = LogLevel.class, names = { "ERROR", "FATAL" })
    void errorAndFatalAreErrors(LogLevel level) {
        assertThat(level.isError()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = LogLevel.class, names = { "TRACE", "DEBUG", "INFO", "WARN" })
    void lowerLevelsAreNotErrors(LogLevel level) {
        assertThat(level.isError()).isFalse();
    }

    @Test
    void unknownLevelIsRejectedNamingIt() {
        assertThatThrownBy(() -> LogLevel.parse("LOUD"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("unknown log level 'LOUD'");
    }

    @Test
    void missingLevelIsRejected() {
        assertThatThrownBy(() -> LogLevel.parse(" "))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("log level is missing");
    }
}

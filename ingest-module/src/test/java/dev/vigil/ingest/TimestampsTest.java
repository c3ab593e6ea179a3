package dev.vigil.ingest;

import java.time.Instant;

import dev.vigil.contracts.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimestampsTest {

    private static final Instant TEN_O_CLOCK = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void isoInstantWithZ() {
        assertThat(Timestamps.parse("2026-11-22T10:00:00Z")).isEqualTo(TEN_O_CLOCK);
    }

    @Test
    void lowercaseZAndSurroundingSpacesAreAccepted() {
        assertThat(Timestamps.parse("  2026-11-22t10:00:00z ")).isEqualTo(TEN_O_CLOCK);
    }

    @Test
    void fractionalSecondsAreKept() {
        assertThat(Timestamps.parse("2026-11-22T10:00:00.250Z")).isEqualTo(TEN_O_CLOCK.plusMillis(250));
    }

    @Test
    void theCanonicalFormReadsExactlyAsJavaTimeReadsIt() {
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < 20_000; i++) {
            Instant at = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 250_000_000_000L), random.nextInt(1_000_000_000));
            String text = at.toString(); // 0, 3, 6 or 9 fraction digits, as Instant prints them
            String cut = text.substring(0, 19) + (i % 10 == 0 ? "" : text.substring(19, Math.min(text.length() - 1, 20 + i % 10))) + "Z";
            for (String form : new String[] { text, cut.endsWith(".Z") ? text : cut }) {
                assertThat(Timestamps.parse(form)).as(form).isEqualTo(Instant.parse(form));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "2026-06-30T23:59:60Z", "2024-02-29T10:00:00Z", "2026-12-31T23:59:59.999999999Z",
            "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-11-22T10:00:00.5Z", "2026-11-22T24:00:00Z",
            "2026-02-29T10:00:00Z", "2026-13-01T10:00:00Z", "2026-11-22T10:60:00Z", "2026-11-22T10:00:00.Z",
            "2026-11-22T10:00:00.1234567890Z", "2026-11-2xT10:00:00Z" })
    void edgesOfTheCanonicalFormReadAsJavaTimeReadsThemOrAreRefusedWithTheReason(String text) {
        Instant expected;
        try {
            expected = Instant.parse(text);
        } catch (java.time.format.DateTimeParseException refused) {
            assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("is not ISO-8601");
            return;
        }
        assertThat(Timestamps.parse(text)).isEqualTo(expected);
    }

    @Test
    void offsetWithColonIsConvertedToUtc() {
        assertThat(Timestamps.parse("2026-11-22T12:00:00+02:00")).isEqualTo(TEN_O_CLOCK);
    }

    @Test
    void offsetWithoutColonIsConvertedToUtc() {
        assertThat(Timestamps.parse("2026-11-22T12:00:00+0200")).isEqualTo(TEN_O_CLOCK);
    }

    @Test
    void localTimeIsTakenAsUtc() {
        assertThat(Timestamps.parse("2026-11-22T10:00:00")).isEqualTo(TEN_O_CLOCK);
    }

    @Test
    void localTimeWithSpaceSeparatorIsTakenAsUtc() {
        assertThat(Timestamps.parse("2026-11-22 10:00:00")).isEqualTo(TEN_O_CLOCK);
    }

    @Test
    void epochSecondsText() {
        assertThat(Timestamps.parse(String.valueOf(TEN_O_CLOCK.getEpochSecond()))).isEqualTo(TEN_O_CLOCK);
    }

    @Test
    void epochMillisText() {
        assertThat(Timestamps.parse(String.valueOf(TEN_O_CLOCK.toEpochMilli()))).isEqualTo(TEN_O_CLOCK);
    }

    @Test
    void numbersFromOneHundredBillionUpAreMillis() {
        assertThat(Timestamps.fromEpochNumber(100_000_000_000L)).isEqualTo(Instant.ofEpochMilli(100_000_000_000L));
    }

    @Test
    void numbersBelowOneHundredBillionAreSeconds() {
        assertThat(Timestamps.fromEpochNumber(99_999_999_999L)).isEqualTo(Instant.ofEpochSecond(99_999_999_999L));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "   " })
    void blankIsMissing(String text) {
        assertThatThrownBy(() -> Timestamps.parse(text))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("timestamp is missing");
    }

    @Test
    void nullIsMissing() {
        assertThatThrownBy(() -> Timestamps.parse(null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("timestamp is missing");
    }

    @ParameterizedTest
    @ValueSource(strings = { "yesterday", "2026-11-22", "2026-13-01T00:00:00Z", "22/11/2026 10:00" })
    void unreadableTimestampIsRejectedNamingIt(String text) {
        assertThatThrownBy(() -> Timestamps.parse(text))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("timestamp '" + text + "'")
                .hasMessageContaining("not ISO-8601");
    }
}

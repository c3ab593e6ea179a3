package dev.vigil.contracts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InputRulesTest {

    @Test
    void utf8LengthIsWhatEncodingGives() {
        java.util.Random random = new java.util.Random(8);
        char[] alphabet = { 'a', '{', '\u00e9', '\u07ff', '\u0800', '\u20ac', '\uffff', '\ud83d', '\ude00', '\udbff', '\udc00' };
        for (int i = 0; i < 20_000; i++) {
            char[] text = new char[random.nextInt(12)];
            for (int c = 0; c < text.length; c++) {
                text[c] = alphabet[random.nextInt(alphabet.length)];
            }
            String s = new String(text);
            assertThat(InputRules.utf8Length(s)).as(s).isEqualTo(s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void printableReplacesControlCharacters() {
        assertThat(InputRules.printable("a\nb\tc\u0000d", 60)).isEqualTo("a?b?c?d");
    }

    @Test
    void printableShortensWithAnEllipsis() {
        assertThat(InputRules.printable("abcdef", 3)).isEqualTo("abc…");
    }

    @Test
    void printableKeepsTextOfExactlyMaxLength() {
        assertThat(InputRules.printable("abc", 3)).isEqualTo("abc");
    }

    @Test
    void printableOfNullIsEmpty() {
        assertThat(InputRules.printable(null, 10)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "temperature", "_x", "http.server:requests-total", "a1" })
    void validNamesPass(String name) {
        assertThatCode(() -> InputRules.requireName("metric", name)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = { "temp; DROP TABLE", "1abc", "a b", "a{b}" })
    void invalidNamesAreRejectedNamingWhat(String name) {
        assertThatThrownBy(() -> InputRules.requireName("metric", name))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("metric '")
                .hasMessageContaining("is not a valid name");
    }

    @Test
    void nameLongerThan128IsRejected() {
        assertThatThrownBy(() -> InputRules.requireName("metric", "a".repeat(129)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a valid name");
    }

    @Test
    void emptyNameIsMissing() {
        assertThatThrownBy(() -> InputRules.requireName("service", ""))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("service is missing");
    }

    @ParameterizedTest
    @ValueSource(strings = { "a{b", "a}b", "a,b", "a=b", "a\"b", "a\nb", "a\u0007b" })
    void tagValueWithDelimiterOrControlCharacterIsRejectedNamingTheTag(String value) {
        assertThatThrownBy(() -> InputRules.requireTagValue("site", value))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("tag 'site'")
                .hasMessageContaining("forbidden character");
    }

    @Test
    void tagValueMayBeFreeText() {
        assertThatCode(() -> InputRules.requireTagValue("site", "Plant 1 / Hall B (north)")).doesNotThrowAnyException();
    }

    @Test
    void tagValueLongerThan256IsRejected() {
        assertThatThrownBy(() -> InputRules.requireTagValue("site", "x".repeat(257)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("tag 'site' is longer than 256");
    }

    @Test
    void emptyTagValueIsRejected() {
        assertThatThrownBy(() -> InputRules.requireTagValue("site", ""))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("tag 'site' has no value");
    }
}

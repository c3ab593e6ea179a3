package dev.vigil.ingest;

import java.nio.charset.StandardCharsets;

import dev.vigil.contracts.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Utf8Test {

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void validUtf8IsDecodedAsIs() {
        String text = "checkout: paiement refusé ✓ 😀";
        assertThat(Utf8.decode("the record", text.getBytes(StandardCharsets.UTF_8))).isEqualTo(text);
        assertThat(Utf8.decode("the record", new byte[0])).isEmpty();
        assertThat(Utf8.decode("the record", null)).isNull();
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedNamingWhereAndWhichRatherThanReplaced() {
        // "ok " then 0xC3 0x28: a two-byte lead followed by an ASCII byte
        assertThatThrownBy(() -> Utf8.decode("the record", bytes('o', 'k', ' ', 0xC3, 0x28)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the record is not valid UTF-8: byte 0xC3 at offset 3");
        assertThatThrownBy(() -> Utf8.decode("the payload", bytes(0xFF, 'a')))
                .hasMessage("the payload is not valid UTF-8: byte 0xFF at offset 0");
        assertThatThrownBy(() -> Utf8.decode("the payload", bytes('a', 0xED, 0xA0, 0x80)))
                .as("an encoded surrogate").hasMessageStartingWith("the payload is not valid UTF-8: byte");
        assertThatThrownBy(() -> Utf8.decode("the payload", bytes('a', 0xE2, 0x82)))
                .as("cut short at the end").hasMessage("the payload is not valid UTF-8: bytes 0xE2 0x82 at offset 1");
    }

    @Test
    void aDeadLetterShowsWhatCouldNotBeReadAsTheReplacementCharacter() {
        assertThat(Utf8.lenient(bytes('o', 'k', 0xFF))).isEqualTo("ok\uFFFD");
    }
}

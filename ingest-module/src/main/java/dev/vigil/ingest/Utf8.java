package dev.vigil.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import dev.vigil.contracts.InvalidInputException;

/**
 * Text from the bytes a source received, decoded strictly: bytes that are not UTF-8 make the input invalid (a dead
 * letter with the offending bytes and where they are) instead of turning silently into U+FFFD and an event nobody
 * can match again.
 */
public final class Utf8 {

    private Utf8() {
    }

    /**
     * @param what what the bytes are, as the reason names them: "the payload", "the record's key"
     * @return the text, or null for null bytes
     * @throws InvalidInputException naming the offset and the bytes that are not UTF-8
     */
    public static String decode(String what, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never decodes to more chars than bytes
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            int length = Math.min(result.length(), bytes.length - at);
            throw new InvalidInputException(what + " is not valid UTF-8: byte" + (length > 1 ? "s " : " ")
                    + HexFormat.ofDelimiter(" ").withPrefix("0x").withUpperCase().formatHex(bytes, at, at + length)
                    + " at offset " + at);
        }
        return out.flip().toString();
    }

    /** The bytes as text for a person to look at (a dead letter): what is not UTF-8 shows as U+FFFD. */
    public static String lenient(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}

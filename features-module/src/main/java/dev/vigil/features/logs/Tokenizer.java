package dev.vigil.features.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies the masking rules to a message and splits it into tokens on whitespace (runs of spaces, tabs and other
 * whitespace count as one separator; leading and trailing whitespace is dropped), as Drain does.
 */
final class Tokenizer {

    private final List<MaskRule> masks;

    Tokenizer(List<MaskRule> masks) {
        this.masks = List.copyOf(masks);
    }

    List<String> tokens(String message) {
        String masked = message;
        for (MaskRule mask : masks) {
            masked = mask.apply(masked);
        }
        List<String> tokens = new ArrayList<>();
        int n = masked.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(masked.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(masked.charAt(i))) {
                i++;
            }
            if (i > start) {
                tokens.add(masked.substring(start, i));
            }
        }
        return tokens;
    }
}

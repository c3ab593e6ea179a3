package dev.vigil.features.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Applies the masking rules to a message and splits it into tokens on whitespace (runs of spaces, tabs and other
 * whitespace count as one separator; leading and trailing whitespace is dropped), as Drain does.
 * <p>
 * Masking is most of a line's cost, so the trailing rules that can be applied token by token (the built-in ones,
 * {@link MaskRule#tokenTest}) are: each only on the tokens that can hold a match, which gives the same tokens as
 * masking the whole message and splitting it after. Rules before them (from configuration) mask the whole message.
 */
final class Tokenizer {

    /** A token-local rule with the test that lets it skip a token. */
    private record TokenMask(MaskRule rule, Predicate<String> mayMatch) {
    }

    private final List<MaskRule> wholeMessage;
    private final List<TokenMask> perToken;

    Tokenizer(List<MaskRule> masks) {
        int split = masks.size();
        while (split > 0 && masks.get(split - 1).tokenTest() != null) {
            split--;
        }
        this.wholeMessage = List.copyOf(masks.subList(0, split));
        this.perToken = masks.subList(split, masks.size()).stream().map(m -> new TokenMask(m, m.tokenTest())).toList();
    }

    List<String> tokens(String message) {
        String masked = message;
        for (MaskRule mask : wholeMessage) {
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
                tokens.add(mask(masked.substring(start, i)));
            }
        }
        return tokens;
    }

    private String mask(String token) {
        String masked = token;
        for (TokenMask mask : perToken) {
            if (mask.mayMatch().test(masked)) {
                masked = mask.rule().apply(masked);
            }
        }
        return masked;
    }
}

package dev.vigil.features.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tokenizer masks the built-in rules token by token, skipping tokens that cannot match; it must give exactly the
 * tokens of masking the whole message rule after rule and splitting it after, which is what Drain is defined on.
 */
class TokenizerTest {

    private static final String[] PIECES = { "10.0.0.1", "192.168.1.20:8080", "/10.1.2.3:50010", "0x1F", "0Xdeadbeef",
            "deadbeef12", "cafebabe", "/var/log/app.log", "/a/b/", "/x", "-7", "+3.14", "42", "3.", ".5", "user42",
            "12ab", "port=8080", "id:0xff", "a/b/c", "x=/tmp/dir/file", "blk_-1608999687919862906", "1.2.3.4.5",
            "v1.2.3", "2026-11-22T10:00:00Z", "(123)", "[/opt/app/x]", "12:30:45", "ab-12-cd", "~/x/y", "1,000",
            "%2F/a/b", "é9", "٣", "abcdef1", "abcdef12", "x1", "X9f", "0x", "1.2.3", ".1.2.3.", "a.b.c.4" };
    private static final String[] SPACES = { " ", "  ", "\t", "\u2003", "\n" };

    /** The tokenizer as it was defined: every rule on the whole message, then the split. */
    private static List<String> reference(List<MaskRule> masks, String message) {
        String masked = message;
        for (MaskRule mask : masks) {
            masked = mask.apply(masked);
        }
        List<String> tokens = new ArrayList<>();
        for (String token : masked.split("[\\s\\u2003]+")) {
            if (!token.isEmpty()) {
                tokens.add(token);
            }
        }
        return tokens;
    }

    @Test
    void builtInRulesTokenByTokenGiveTheTokensOfMaskingTheWholeMessage() {
        Random random = new Random(3);
        Tokenizer tokenizer = new Tokenizer(MaskRule.DEFAULTS);
        for (int i = 0; i < 20_000; i++) {
            String message = message(random);
            assertThat(tokenizer.tokens(message)).as(message).isEqualTo(reference(MaskRule.DEFAULTS, message));
        }
    }

    @Test
    void aRuleFromConfigurationStillSeesTheWholeMessage() {
        // spans two tokens: it must run before the split, and before the built-in number rule takes its digits
        MaskRule took = MaskRule.of("took", "took \\d+ ms");
        List<MaskRule> masks = List.of(took, MaskRule.IP, MaskRule.HEX, MaskRule.PATH, MaskRule.NUMBER);
        Tokenizer tokenizer = new Tokenizer(masks);

        assertThat(tokenizer.tokens("query took 250 ms on 10.0.0.1")).containsExactly("query", "<*>", "on", "<*>");
        Random random = new Random(4);
        for (int i = 0; i < 5_000; i++) {
            String message = message(random) + " took " + random.nextInt(1000) + " ms";
            assertThat(tokenizer.tokens(message)).as(message).isEqualTo(reference(masks, message));
        }
    }

    @Test
    void aBuiltInRuleBeforeOneFromConfigurationRunsOnTheWholeMessageToo() {
        List<MaskRule> masks = List.of(MaskRule.NUMBER, MaskRule.of("kv", "\\w+=<\\*>"));
        Tokenizer tokenizer = new Tokenizer(masks);
        assertThat(tokenizer.tokens("retries=3 of 5")).containsExactly("<*>", "of", "<*>");
    }

    private static String message(Random random) {
        StringBuilder message = new StringBuilder();
        int pieces = 1 + random.nextInt(8);
        for (int p = 0; p < pieces; p++) {
            if (p > 0 || random.nextInt(4) == 0) {
                message.append(SPACES[random.nextInt(SPACES.length)]);
            }
            message.append(PIECES[random.nextInt(PIECES.length)]);
            if (random.nextInt(3) == 0) {
                message.append(PIECES[random.nextInt(PIECES.length)]); // glued: no space between two pieces
            }
        }
        return message.toString();
    }
}

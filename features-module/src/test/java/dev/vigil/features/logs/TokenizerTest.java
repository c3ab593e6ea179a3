package dev.vigil.features.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tokenizer: rules from configuration on the whole message, the built-in rules token by token (as their regexes
 * define them, only faster), then quantities and written dates joined, and runs of variables made one.
 */
class TokenizerTest {

    private static final String[] PIECES = { "10.0.0.1", "192.168.1.20:8080", "/10.1.2.3:50010", "0x1F", "0Xdeadbeef",
            "deadbeef12", "cafebabe", "/var/log/app.log", "/a/b/", "/x", "-7", "+3.14", "42", "3.", ".5", "user42",
            "12ab", "port=8080", "id:0xff", "a/b/c", "x=/tmp/dir/file", "blk_-1608999687919862906", "1.2.3.4.5",
            "v1.2.3", "2026-11-22T10:00:00Z", "(123)", "[/opt/app/x]", "12:30:45", "ab-12-cd", "~/x/y", "1,000",
            "%2F/a/b", "é9", "٣", "abcdef1", "abcdef12", "x1", "X9f", "0x", "1.2.3", ".1.2.3.", "a.b.c.4", "250ms",
            "1.5GB", "<1", "db-1.eu.example.com:5432", "https://x.org/a?b=1", "9b2e4c1a-0b7d-4e4f-8a21-5c3b2a1d0e9f",
            "2607:f140:6000:8:c6b3:1ff:fecd:467f", "1.2.3.4:99999", "10.0.0.1.5", "/1.2.3.4", "a10.0.0.1", "10.0.0.1a",
            "word", "3d", "4k", "12:3", "0.023958297", "~5", ">=3" };
    private static final String[] SPACES = { " ", "  ", "\t", "\u2003", "\n" };

    /**
     * The built-in rules as defined: each one's regex on each token, in their order, then each run of variables (alone
     * in their token or before a comma or semicolon) made one, with the last one's punctuation.
     */
    private static List<String> reference(String message) {
        List<String> tokens = new ArrayList<>();
        for (String token : message.split("[\\s\\u2003]+")) {
            if (token.isEmpty()) {
                continue;
            }
            String masked = token;
            for (MaskRule mask : MaskRule.DEFAULTS) {
                masked = mask.apply(masked);
            }
            if (masked.matches("<\\*>[,;]?") && !tokens.isEmpty() && tokens.get(tokens.size() - 1).matches("<\\*>[,;]?")) {
                tokens.set(tokens.size() - 1, masked);
            } else {
                tokens.add(masked);
            }
        }
        return tokens;
    }

    @Test
    void builtInRulesTokenByTokenGiveTheTokensOfTheirRegexes() {
        Random random = new Random(3);
        Tokenizer tokenizer = new Tokenizer(MaskRule.DEFAULTS);
        for (int i = 0; i < 20_000; i++) {
            String message = message(random);
            assertThat(tokenizer.tokens(message)).as(message).isEqualTo(reference(message));
        }
    }

    @Test
    void aQuantityIsOneVariableWithItsUnitAndTheEquivalentAfterIt() {
        Tokenizer tokenizer = new Tokenizer(MaskRule.DEFAULTS);
        List<String> expected = List.of("<*>", "close,", "<*>", "sent,", "<*>", "received,", "lifetime", "<*>");

        assertThat(tokenizer.tokens("proxy.example.com:5070 close, 403 bytes (0.39 KB) sent, 1,426 bytes received,"
                + " lifetime <1 sec")).isEqualTo(expected);
        assertThat(tokenizer.tokens("10.0.0.1:80 close, 0 bytes sent, 12 bytes (0.01 KB) received, lifetime 00:01"))
                .isEqualTo(expected);
        assertThat(tokenizer.tokens("took 250ms")).isEqualTo(tokenizer.tokens("took 3.5 seconds"));
        assertThat(tokenizer.tokens("retry 3 times")).containsExactly("retry", "<*>", "times");
    }

    @Test
    void aWrittenDateIsOneVariable() {
        Tokenizer tokenizer = new Tokenizer(MaskRule.DEFAULTS);

        assertThat(tokenizer.tokens("connection from 24.54.76.216 at Fri Jun 17 07:07:00 2005"))
                .containsExactly("connection", "from", "<*>", "at", "<*>");
        assertThat(tokenizer.tokens("next run on Jan 5, 10:00")).containsExactly("next", "run", "on", "<*>");
        assertThat(tokenizer.tokens("may 5 jobs run")).as("a month name before a number is taken for a date")
                .containsExactly("<*>", "jobs", "run");
        assertThat(tokenizer.tokens("Marching on")).containsExactly("Marching", "on");
    }

    @Test
    void withoutTheirRulesQuantitiesAndDatesStayAsTheyAre() {
        Tokenizer numbersOnly = new Tokenizer(List.of(MaskRule.NUMBER));

        assertThat(numbersOnly.tokens("took 250 ms on Jun 17")).containsExactly("took", "<*>", "ms", "on", "Jun", "<*>");
    }

    @Test
    void aRuleFromConfigurationSeesTheWholeMessageFirst() {
        // spans two tokens: it must run before the split, and before the built-in number rule takes its digits
        MaskRule took = MaskRule.of("took", "took \\d+ ms");
        Tokenizer tokenizer = new Tokenizer(List.of(took, MaskRule.IP, MaskRule.NUMBER));

        assertThat(tokenizer.tokens("query took 250 ms on 10.0.0.1")).containsExactly("query", "<*>", "on", "<*>");
        assertThat(new Tokenizer(List.of(MaskRule.NUMBER, MaskRule.of("kv", "\\w+=\\d+"))).tokens("retries=3 of 5"))
                .as("listed after a built-in rule, a rule from configuration still runs first")
                .containsExactly("<*>", "of", "<*>");
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

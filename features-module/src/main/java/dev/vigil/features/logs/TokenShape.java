package dev.vigil.features.logs;

/**
 * What a token is made of, counted in one pass: the cheap facts the built-in masks' tests ask before their regex runs
 * (most tokens are words that no mask can change). Not a record: the tokenizer makes one per token, the hot path.
 */
final class TokenShape {

    int length;
    int digits;
    int dots;
    int dashes;
    int slashes;
    int colons;
    boolean lowerCase;
    boolean x;
    /** {@code ://} somewhere. */
    boolean scheme;
    /** A digit followed by a letter a unit can start with ({@code 250ms}, {@code 1.5GB}). */
    boolean digitBeforeUnit;

    static TokenShape of(String token) {
        TokenShape shape = new TokenShape();
        int n = token.length();
        shape.length = n;
        for (int i = 0; i < n; i++) {
            char c = token.charAt(i);
            if (c >= '0' && c <= '9') {
                shape.digits++;
                if (i + 1 < n && "nuµmshdKMGTPkBb".indexOf(token.charAt(i + 1)) >= 0) {
                    shape.digitBeforeUnit = true;
                }
            } else if (c >= 'a' && c <= 'z') {
                shape.lowerCase = true;
                shape.x |= c == 'x';
            } else {
                switch (c) {
                    case '.' -> shape.dots++;
                    case '-' -> shape.dashes++;
                    case '/' -> shape.slashes++;
                    case ':' -> {
                        shape.colons++;
                        shape.scheme |= token.startsWith("//", i + 1);
                    }
                    case 'X' -> shape.x = true;
                    default -> {
                        // nothing a test asks about
                    }
                }
            }
        }
        return shape;
    }
}

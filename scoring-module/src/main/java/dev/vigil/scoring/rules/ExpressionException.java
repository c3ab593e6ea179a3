package dev.vigil.scoring.rules;

/** A rule condition that cannot be used: the message says what is wrong and at which column. */
public final class ExpressionException extends RuntimeException {

    public ExpressionException(String message) {
        super(message);
    }
}

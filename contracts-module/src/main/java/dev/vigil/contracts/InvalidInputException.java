package dev.vigil.contracts;

/**
 * A payload that cannot become an event. The message is the reason given to the dead-letter
 * destination, so it names the field and what was wrong with it, and never echoes unbounded input.
 */
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String reason) {
        super(reason, null, false, false);
    }
}

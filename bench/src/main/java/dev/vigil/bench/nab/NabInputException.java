package dev.vigil.bench.nab;

/** Bad input to the scorer (corpus, labels, profiles or results): the message names the file and, where known, the row. */
public class NabInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NabInputException(String message) {
        super(message);
    }

    public NabInputException(String message, Throwable cause) {
        super(message, cause);
    }
}

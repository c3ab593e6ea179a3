package dev.vigil.scoring.pmml;

/**
 * A PMML model that cannot be loaded, or an input that cannot be scored. The message always names the model file
 * and, where there is one, the entity and the field at fault, so it can be shown to an operator as it is.
 */
public class PmmlModelException extends RuntimeException {

    public PmmlModelException(String message) {
        super(message);
    }

    public PmmlModelException(String message, Throwable cause) {
        super(message, cause);
    }
}

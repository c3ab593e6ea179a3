package dev.vigil.feedback;

/**
 * Why an answer was not taken: an HTTP status (401 unauthenticated or bad signature, 404 unknown alert, 400 unknown
 * verdict or malformed body) and a reason the sender can act on. Nothing is stored for a rejected answer.
 */
public class FeedbackRejected extends Exception {

    private final int status;

    public FeedbackRejected(int status, String reason) {
        super(reason);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return getMessage();
    }

    public static FeedbackRejected unauthenticated(String reason) {
        return new FeedbackRejected(401, reason);
    }

    public static FeedbackRejected badRequest(String reason) {
        return new FeedbackRejected(400, reason);
    }

    public static FeedbackRejected unknownAlert(String alertId) {
        return new FeedbackRejected(404, "unknown alert '" + alertId + "'");
    }
}

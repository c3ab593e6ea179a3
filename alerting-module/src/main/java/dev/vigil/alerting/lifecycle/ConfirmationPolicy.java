package dev.vigil.alerting.lifecycle;

/**
 * When an incident starts and ends.
 *
 * @param anomalousWindows N: anomalous windows needed ...
 * @param ofLastWindows    M: ... among the last M windows of the fingerprint to fire
 * @param recoveryWindows  consecutive normal windows after which a firing alert resolves
 */
public record ConfirmationPolicy(int anomalousWindows, int ofLastWindows, int recoveryWindows) {

    public ConfirmationPolicy {
        if (anomalousWindows < 1 || ofLastWindows < anomalousWindows || recoveryWindows < 1) {
            throw new IllegalArgumentException("need 1 <= N <= M and recovery >= 1, got N=" + anomalousWindows
                    + " M=" + ofLastWindows + " recovery=" + recoveryWindows);
        }
    }
}

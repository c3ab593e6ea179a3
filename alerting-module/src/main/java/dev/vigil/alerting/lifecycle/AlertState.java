package dev.vigil.alerting.lifecycle;

/**
 * Where a fingerprint is in the lifecycle: {@code INACTIVE} (nothing anomalous remembered), {@code PENDING}
 * (anomalous windows seen, not yet N of the last M, or held back by the cooldown), {@code FIRING}, {@code RESOLVED}
 * (it fired and has recovered; it may fire again after the cooldown).
 */
public enum AlertState {
    INACTIVE, PENDING, FIRING, RESOLVED
}

package dev.vigil.contracts;

/** Where an alert is in its life. Pending (anomalous but not yet confirmed) lives only inside the lifecycle. */
public enum AlertStatus {
    FIRING, RESOLVED
}

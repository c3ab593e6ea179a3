package dev.vigil.detection.users;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;

/**
 * How users' and addresses' windows and activity are kept.
 *
 * @param window          how often each user's and address's window is judged: a whole number of minutes
 * @param allowedLateness how late (event time) an event may arrive and still count in its own window
 * @param timeZone        the zone of "night" (00:00 to 06:00) and of the hours explanations give
 * @param loginActions    actions that are login attempts
 * @param writeActions    actions that change something
 * @param maxUsers        users remembered at most; the least recently active beyond it are forgotten
 * @param maxIps          client addresses remembered at most
 * @param modelsFolder    where the detectors' PMML model files are
 */
public record UserSettings(Duration window, Duration allowedLateness, ZoneId timeZone, Set<String> loginActions,
        Set<String> writeActions, int maxUsers, int maxIps, Path modelsFolder) {

    public UserSettings {
        if (window.isZero() || window.isNegative() || window.toSeconds() % 60 != 0 || window.toNanosPart() != 0) {
            throw new IllegalArgumentException("vigil.users.window must be a whole number of minutes, got " + window);
        }
        loginActions = Set.copyOf(loginActions);
        writeActions = Set.copyOf(writeActions);
    }
}

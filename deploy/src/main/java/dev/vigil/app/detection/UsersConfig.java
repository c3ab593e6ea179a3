package dev.vigil.app.detection;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;

import io.smallrye.config.ConfigMapping;

/** {@code vigil.users.*}: the user-events source and how users' windows are kept. Documented in application.properties. */
@ConfigMapping(prefix = "vigil.users")
public interface UsersConfig {

    /** Whether the user-events topic is read. */
    boolean enabled();

    String topic();

    String groupId();

    /** How often each user's and address's window is judged: a whole number of minutes. */
    Duration window();

    /** How late (event time) an event may arrive and still count in its own window. */
    Duration allowedLateness();

    /** The zone of "night" (00:00 to 06:00) and of the hours explanations give. */
    ZoneId timeZone();

    /** Actions that are login attempts. */
    Set<String> loginActions();

    /** Actions that change something. */
    Set<String> writeActions();

    /** Users remembered at most; the least recently active beyond it are forgotten. */
    int maxUsers();

    /** Client addresses remembered at most. */
    int maxIps();
}

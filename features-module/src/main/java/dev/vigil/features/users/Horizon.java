package dev.vigil.features.users;

import java.time.Duration;

/**
 * The sliding windows a user's or an address's features look back over, each ending where the scored window ends.
 * Minute windows are whole minutes; the 24 h window is the current hour's minutes, 23 whole hours and the overlapping
 * part of the hour before (counted pro rata), so it spans 24 h too.
 */
public enum Horizon {
    M1("1m", "1 min", 1),
    M5("5m", "5 min", 5),
    M15("15m", "15 min", 15),
    H1("1h", "1 h", 60),
    D1("24h", "24 h", 1440);

    private final String suffix;
    private final String words;
    private final int minutes;

    Horizon(String suffix, String words, int minutes) {
        this.suffix = suffix;
        this.words = words;
        this.minutes = minutes;
    }

    /** What feature names end with: {@code login_count_1h}. */
    public String suffix() {
        return suffix;
    }

    /** How explanations say it: "in the last 15 min". */
    public String words() {
        return words;
    }

    public int minutes() {
        return minutes;
    }

    public Duration duration() {
        return Duration.ofMinutes(minutes);
    }

    /** {@code family_suffix}, e.g. {@code failed_logins_1m}. */
    public String of(String family) {
        return family + "_" + suffix;
    }
}

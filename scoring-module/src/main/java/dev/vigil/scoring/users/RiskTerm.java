package dev.vigil.scoring.users;

import java.util.List;

/**
 * One hand-weighted part of a user's risk: a feature, the level below which it says nothing ({@code from}), the
 * level at which it says all it can ({@code full}), and its weight. Its signal rises linearly from 0 at
 * {@code from} to 1 at {@code full} and stays there, so no single term can outweigh its weight.
 *
 * @param name a short name for the configuration ({@code write-burst})
 */
public record RiskTerm(String name, String feature, double from, double full, double weight) {

    /**
     * The terms Vigil ships for users: each says one thing an operator can check, and none alone reaches the
     * default limit of 1.
     */
    public static final List<RiskTerm> USER_DEFAULTS = List.of(
            new RiskTerm("failed-logins", "failed_logins_1h", 2, 10, 0.5),
            new RiskTerm("new-countries", "new_countries_24h", 0, 2, 0.6),
            new RiskTerm("geo-jumps", "geo_jumps_1h", 0, 2, 0.3),
            new RiskTerm("off-hours", "off_hours_ratio_1h", 0.25, 0.75, 0.4),
            new RiskTerm("write-burst", "writes_vs_median_15m", 3, 20, 0.4),
            new RiskTerm("request-burst", "requests_vs_median_15m", 3, 20, 0.3),
            new RiskTerm("new-endpoints", "new_endpoints_1h", 2, 10, 0.3),
            new RiskTerm("new-addresses", "new_ips_24h", 1, 3, 0.2));

    public RiskTerm {
        if (!(full > from)) {
            throw new IllegalArgumentException("risk term " + name + ": full (" + full + ") must be above from (" + from + ")");
        }
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("risk term " + name + ": weight must be a number >= 0, got " + weight);
        }
    }

    /** 0 up to {@code from}, 1 from {@code full} on, linear between. */
    public double signal(double value) {
        return Math.max(0, Math.min(1, (value - from) / (full - from)));
    }
}

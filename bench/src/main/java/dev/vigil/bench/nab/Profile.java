package dev.vigil.bench.nab;

import java.util.Objects;

/**
 * One NAB application profile: the cost matrix of {@code config/profiles.json}. NAB's scorer reads
 * {@code tpWeight}, {@code fpWeight} and {@code fnWeight}; {@code tnWeight} is in the file but never used.
 */
public record Profile(String name, double tpWeight, double fpWeight, double fnWeight) {

    public Profile {
        Objects.requireNonNull(name, "name");
        if (!Double.isFinite(tpWeight) || !Double.isFinite(fpWeight) || !Double.isFinite(fnWeight)) {
            throw new IllegalArgumentException("profile " + name + ": weights must be finite numbers");
        }
    }
}

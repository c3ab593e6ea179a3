package dev.vigil.bench.nab;

import java.util.List;

/** A detector's NAB result: per profile the optimised and (when asked) fixed-threshold figures, and per category. */
public record NabResult(String detector, int files, int rows, List<ProfileResult> profiles) {

    /**
     * One profile: {@code optimised} at the threshold maximising the summed score over all files, {@code fixed} at the
     * user's threshold (null when none was given), {@code categories} each category's files at the optimised
     * threshold and at the user's, normalised over that category alone.
     */
    public record ProfileResult(Profile profile, Figures optimised, Figures fixed, List<CategoryResult> categories) {
    }

    /** One category: at the corpus-wide optimised threshold, and at the fixed one ({@code null} when none was given). */
    public record CategoryResult(String category, int files, Figures figures, Figures fixed) {
    }
}

package dev.vigil.bench.nab;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

import static dev.vigil.bench.nab.TestSeries.PROFILES;
import static dev.vigil.bench.nab.TestSeries.detections;
import static dev.vigil.bench.nab.TestSeries.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NabScorerTest {

    // two categories; a file without windows, a file with two windows
    private final List<DataFile> corpus = List.of(
            file("catA/one.csv", 100, new int[] {40, 49}, new int[] {70, 79}),
            file("catA/quiet.csv", 80),
            file("catB/two.csv", 120, new int[] {60, 71}));

    private NabResult score(double[] one, double[] quiet, double[] two, OptionalDouble fixed) {
        Map<String, double[]> s = new LinkedHashMap<>();
        s.put("catA/one.csv", one);
        s.put("catA/quiet.csv", quiet);
        s.put("catB/two.csv", two);
        return NabScorer.score("test", corpus, s, PROFILES, fixed);
    }

    private static NabResult.ProfileResult profile(NabResult r, String name) {
        return r.profiles().stream().filter(p -> p.profile().name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void perfectDetectorScores100OnEveryProfile() {
        NabResult r = score(detections(100, 1.0, 40, 70), new double[80], detections(120, 1.0, 60), OptionalDouble.empty());
        for (NabResult.ProfileResult p : r.profiles()) {
            assertThat(p.optimised().normalised()).as(p.profile().name()).isEqualTo(100.0);
            assertThat(p.optimised().threshold()).isEqualTo(1.0);
            assertThat(p.optimised().windowsDetected()).isEqualTo(3);
            assertThat(p.optimised().windowsMissed()).isZero();
            assertThat(p.optimised().fp()).isZero();
        }
    }

    @Test
    void nullDetectorScoresZeroOnEveryProfile() {
        NabResult r = score(new double[100], new double[80], new double[120], OptionalDouble.empty());
        for (NabResult.ProfileResult p : r.profiles()) {
            assertThat(p.optimised().normalised()).as(p.profile().name()).isEqualTo(0.0);
            assertThat(p.optimised().threshold()).isEqualTo(Sweeper.START_THRESHOLD);
            assertThat(p.optimised().nullScore()).isEqualTo(-3 * p.profile().fnWeight());
            assertThat(p.optimised().perfect()).isEqualTo(3 * p.profile().tpWeight());
            assertThat(p.optimised().windowsMissed()).isEqualTo(3);
        }
    }

    @Test
    void constantScoresAreTheNullDetectorToo() {
        double[] half1 = new double[100];
        double[] half2 = new double[80];
        double[] half3 = new double[120];
        java.util.Arrays.fill(half1, 0.5);
        java.util.Arrays.fill(half2, 0.5);
        java.util.Arrays.fill(half3, 0.5);
        NabResult r = score(half1, half2, half3, OptionalDouble.empty());
        assertThat(r.profiles()).allSatisfy(p -> assertThat(p.optimised().normalised()).isEqualTo(0.0));
    }

    @Test
    void lateDetectionScoresLessThanEarly() {
        double early = profile(score(detections(100, 1.0, 41, 71), new double[80], detections(120, 1.0, 61),
                OptionalDouble.empty()), "standard").optimised().normalised();
        double late = profile(score(detections(100, 1.0, 48, 78), new double[80], detections(120, 1.0, 70),
                OptionalDouble.empty()), "standard").optimised().normalised();
        assertThat(early).isLessThan(100.0).isGreaterThan(late);
        assertThat(late).isPositive();
    }

    @Test
    void falsePositiveRightAfterAWindowCostsLessThanOneFarAway() {
        double[] two = detections(120, 1.0, 60);
        double near = profile(score(detections(100, 1.0, 40, 70, 50), new double[80], two, OptionalDouble.empty()),
                "standard").optimised().raw();
        double far = profile(score(detections(100, 1.0, 40, 70, 65), new double[80], two, OptionalDouble.empty()),
                "standard").optimised().raw();
        assertThat(near).isGreaterThan(far);
        assertThat(far).isCloseTo(3.0 - 0.11, within(1e-4)); // 16 rows after a 10-row window: S(16/9) = -0.9997
    }

    @Test
    void optimiserPicksTheThresholdThatMaximisesTheTotalAndFixedThresholdIsScoredAsIs() {
        // anomalies at 0.8, false positives at 0.6 and 0.4: best is 0.8
        double[] one = detections(100, 0.8, 40, 70);
        one[20] = 0.6;
        one[90] = 0.4;
        double[] quiet = detections(80, 0.6, 30, 50);
        double[] two = detections(120, 0.8, 60);
        NabResult r = score(one, quiet, two, OptionalDouble.of(0.5));
        NabResult.ProfileResult std = profile(r, "standard");
        assertThat(std.optimised().threshold()).isEqualTo(0.8);
        assertThat(std.optimised().normalised()).isEqualTo(100.0);
        assertThat(std.fixed().threshold()).isEqualTo(0.5);
        assertThat(std.fixed().fp()).isEqualTo(3);
        assertThat(std.fixed().raw()).isCloseTo(3.0 - 3 * 0.11, within(1e-12));
        assertThat(std.fixed().normalised()).isLessThan(100.0);
    }

    @Test
    void profilesWeighFalsePositivesAndMissesDifferently() {
        // catches window 1 early, misses window 2 and the catB window, and has two false positives far away
        double[] one = detections(100, 1.0, 40, 20, 30);
        NabResult r = score(one, new double[80], new double[120], OptionalDouble.of(1.0));
        double std = profile(r, "standard").fixed().normalised();
        double lowFp = profile(r, "reward_low_FP_rate").fixed().normalised();
        double lowFn = profile(r, "reward_low_FN_rate").fixed().normalised();
        // standard: raw 1 - 2 - 0.22 = -1.22, null -3, perfect 3
        assertThat(std).isCloseTo(100 * (-1.22 + 3) / 6, within(1e-9));
        assertThat(lowFp).isLessThan(std);   // FPs cost twice as much
        assertThat(lowFn).isGreaterThan(std); // the caught window saves twice as much against the null
    }

    @Test
    void categoriesAreNormalisedOverTheirOwnFilesAtTheCorpusThreshold() {
        NabResult r = score(detections(100, 1.0, 40, 70), new double[80], new double[120], OptionalDouble.empty());
        NabResult.ProfileResult std = profile(r, "standard");
        assertThat(std.optimised().threshold()).isEqualTo(1.0);
        assertThat(std.categories()).extracting(NabResult.CategoryResult::category).containsExactly("catA", "catB");
        assertThat(std.categories().get(0).files()).isEqualTo(2);
        assertThat(std.categories().get(0).figures().normalised()).isEqualTo(100.0);
        assertThat(std.categories().get(1).figures().normalised()).isEqualTo(0.0);
        assertThat(std.optimised().normalised()).isCloseTo(100.0 * 4 / 6, within(1e-9)); // raw 1, null -3, perfect 3
        assertThat(std.categories()).allMatch(c -> c.fixed() == null);
    }

    @Test
    void categoriesAreScoredAtTheFixedThresholdToo() {
        // catA: both windows caught at 1.0, one at 0.4 more; at 0.3 the detections at 0.4 count as well
        double[] first = detections(100, 1.0, 40, 70);
        first[95] = 0.4;
        NabResult r = score(first, new double[80], new double[120], OptionalDouble.of(0.3));
        NabResult.ProfileResult std = profile(r, "standard");
        NabResult.CategoryResult catA = std.categories().get(0);

        assertThat(catA.fixed().threshold()).isEqualTo(0.3);
        assertThat(catA.fixed().fp()).isEqualTo(catA.figures().fp() + 1);
        assertThat(catA.fixed().normalised()).isLessThan(catA.figures().normalised());
        assertThat(NabReport.text(r)).contains("catA @fixed");
    }

    @Test
    void aCategoryWithoutWindowsHasNoNormalisedScore() {
        List<DataFile> quietOnly = List.of(file("q/quiet.csv", 80));
        NabResult r = NabScorer.score("t", quietOnly, Map.of("q/quiet.csv", detections(80, 1.0, 50)),
                PROFILES, OptionalDouble.empty());
        assertThat(r.profiles().get(0).optimised().normalised()).isNaN();
        assertThat(r.profiles().get(0).optimised().raw()).isEqualTo(0.0); // the optimiser keeps nothing detected
    }
}

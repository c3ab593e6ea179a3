package dev.vigil.bench.nab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * NAB v1.1's optimise, score and normalise steps for one detector: per profile, sweep all files together and take the
 * best threshold (NAB's {@code optimizeThreshold}), score each file at it (NAB's {@code scoreDataSet}), total, and
 * normalise against the null and the perfect detector (NAB's {@code Runner.normalize}).
 */
public final class NabScorer {

    private NabScorer() {
    }

    /**
     * @param corpus   the corpus files
     * @param scores   anomaly scores per file, keyed by relative path, one per row
     * @param fixed    a threshold to score at as well, without optimisation
     */
    public static NabResult score(String detector, List<DataFile> corpus, Map<String, double[]> scores,
                                  List<Profile> profiles, OptionalDouble fixed) {
        int rows = 0;
        for (DataFile f : corpus) {
            if (!scores.containsKey(f.relativePath())) {
                throw new NabInputException("no results for " + f.relativePath());
            }
            rows += f.size();
        }
        List<NabResult.ProfileResult> out = new ArrayList<>();
        for (Profile profile : profiles) {
            out.add(scoreProfile(corpus, scores, profile, fixed));
        }
        return new NabResult(detector, corpus.size(), rows, out);
    }

    static NabResult.ProfileResult scoreProfile(List<DataFile> corpus, Map<String, double[]> scores, Profile profile,
                                                OptionalDouble fixed) {
        List<ScoredFile> scored = new ArrayList<>();
        List<List<ThresholdScore>> perFileSweeps = new ArrayList<>();
        for (DataFile f : corpus) {
            ScoredFile s = WindowScorer.score(f, scores.get(f.relativePath()), profile);
            scored.add(s);
            perFileSweeps.add(Sweeper.sweep(List.of(s), profile));
        }
        double threshold = Sweeper.best(Sweeper.sweep(scored, profile)).threshold();

        Figures optimised = figures(corpus, perFileSweeps, threshold, profile, null);
        Figures atFixed = fixed.isPresent()
                ? figures(corpus, perFileSweeps, fixed.getAsDouble(), profile, null) : null;

        Map<String, List<Integer>> byCategory = new LinkedHashMap<>();
        for (int i = 0; i < corpus.size(); i++) {
            byCategory.computeIfAbsent(corpus.get(i).category(), c -> new ArrayList<>()).add(i);
        }
        List<NabResult.CategoryResult> categories = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : byCategory.entrySet()) {
            categories.add(new NabResult.CategoryResult(e.getKey(), e.getValue().size(),
                    figures(corpus, perFileSweeps, threshold, profile, e.getValue()),
                    fixed.isPresent() ? figures(corpus, perFileSweeps, fixed.getAsDouble(), profile, e.getValue()) : null));
        }
        return new NabResult.ProfileResult(profile, optimised, atFixed, categories);
    }

    private static Figures figures(List<DataFile> corpus, List<List<ThresholdScore>> perFileSweeps, double threshold,
                                   Profile profile, List<Integer> only) {
        List<ThresholdScore> at = new ArrayList<>();
        List<ThresholdScore> none = new ArrayList<>();
        int windows = 0;
        for (int i = 0; i < corpus.size(); i++) {
            if (only != null && !only.contains(i)) {
                continue;
            }
            List<ThresholdScore> sweep = perFileSweeps.get(i);
            at.add(Sweeper.at(sweep, threshold));
            none.add(sweep.get(0)); // threshold 1.1: what the null detector gets after optimisation
            windows += corpus.get(i).windows().size();
        }
        return Figures.of(threshold, at, none, windows, profile);
    }
}

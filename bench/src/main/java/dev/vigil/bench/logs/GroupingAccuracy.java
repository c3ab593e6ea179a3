package dev.vigil.bench.logs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Grouping accuracy as logpai/logparser's {@code evaluator.get_accuracy} computes it: a line is parsed correctly when
 * the set of lines sharing its parsed event id is exactly the set of lines sharing its ground-truth event id. Lines
 * whose ground-truth id is empty are left out of both sides, as the evaluator drops them.
 */
final class GroupingAccuracy {

    private GroupingAccuracy() {
    }

    static double of(List<String> truth, List<String> parsed) {
        if (truth.size() != parsed.size()) {
            throw new IllegalArgumentException(truth.size() + " ground-truth rows but " + parsed.size() + " parsed");
        }
        Map<String, Integer> truthSizes = new HashMap<>();
        Map<String, List<Integer>> parsedGroups = new HashMap<>();
        int counted = 0;
        for (int i = 0; i < truth.size(); i++) {
            String t = truth.get(i);
            if (t == null || t.isEmpty()) {
                continue;
            }
            counted++;
            truthSizes.merge(t, 1, Integer::sum);
            parsedGroups.computeIfAbsent(parsed.get(i), k -> new ArrayList<>()).add(i);
        }
        long correct = 0;
        for (List<Integer> group : parsedGroups.values()) {
            String t = truth.get(group.get(0));
            boolean pure = group.stream().allMatch(i -> truth.get(i).equals(t));
            if (pure && truthSizes.get(t) == group.size()) {
                correct += group.size();
            }
        }
        return counted == 0 ? 0 : (double) correct / counted;
    }
}
